// bus_context: a sync handler's fire-and-forget door back into the bus.
#include <astrid/bus/subscriber.hpp>

#include "actors/messages.hpp"

#include <caf/send.hpp>

#include <memory>

namespace astrid::bus {

bus_context::bus_context(caf::actor bus, std::uint64_t id) : bus_{std::move(bus)}, id_{id} {}

void bus_context::post(astrid::event ev) {
  caf::anon_send(bus_, detail::publish_job{std::make_shared<astrid::event>(std::move(ev)), nullptr});
}

void bus_context::unsubscribe_self() noexcept { unsubscribe_ = true; }

}  // namespace astrid::bus
