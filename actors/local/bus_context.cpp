// bus_context: a sync handler's fire-and-forget door back into the bus. A
// vocabulary type of the public API, implemented here because what it sends
// is the bus actor's publish_job (or, for a subscriber whose bus is on
// another node, the same job to its host, which forwards it).
#include <astrid/bus/subscriber.hpp>

#include "actors/local/jobs.hpp"
#include "shared/home_shared.hpp"

#include <caf/send.hpp>

#include <memory>

namespace astrid::bus {

bus_context::bus_context(caf::actor bus, std::uint64_t id) : bus_{std::move(bus)}, id_{id} {}

void bus_context::post(astrid::event ev) {
  caf::anon_send(bus_, detail::publish_job{detail::make_home_shared<astrid::event>(std::move(ev)), nullptr});
}

void bus_context::unsubscribe_self() noexcept { unsubscribe_ = true; }

}  // namespace astrid::bus
