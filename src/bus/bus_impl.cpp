// The body of an event_bus (see bus_impl.hpp).
#include "bus/bus_impl.hpp"

#include "actors/bus_actor.hpp"
#include "actors/limiter_actor.hpp"
#include "actors/log.hpp"

#include <caf/actor_cast.hpp>

namespace astrid::bus::detail {

bus_impl::bus_impl(caf::actor_system& system, bus_config cfg)
    : sys{system}, shared{std::make_shared<bus_shared>(std::move(cfg))} {
  set_bus_log_level(shared->cfg.log_level);
  bus = spawn_bus(sys, shared);
  limiter = spawn_limiter(sys, shared, bus);
  shared->link(caf::actor_cast<caf::actor>(bus));
}

bus_impl::~bus_impl() {
  try {
    caf::anon_send(limiter, shutdown_atom::value);
    auto released = call<subscriber_list>(bus, [](ticket<subscriber_list> t) {
      return shutdown_order{std::move(t)};
    });
    shared->unlink();
    released.reset();  // the subscribers' destructors run here, on this thread
  } catch (...) {
    shared->unlink();  // out of memory while shutting down: leave the rest to CAF
  }
}

}  // namespace astrid::bus::detail
