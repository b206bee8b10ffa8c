// One sync subscriber's actor (see sync_child.hpp).
#include "actors/local/sync_child.hpp"

#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/result.hpp>
#include <caf/scheduled_actor.hpp>
#include <caf/sec.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <exception>
#include <string>

namespace astrid::bus::detail {

namespace {

// Turns the handler's exception into the child's exit reason; the pending
// request fails with it, which is how the owner learns the text.
caf::error exception_to_error(caf::scheduled_actor*, std::exception_ptr& eptr) {
  try {
    std::rethrow_exception(eptr);
  } catch (const std::exception& e) {
    return caf::make_error(caf::sec::runtime_error, std::string{e.what()});
  } catch (...) {
    return caf::make_error(caf::sec::runtime_error, std::string{"unknown exception"});
  }
}

sync_child_actor::behavior_type child_behavior(sync_child_actor::pointer self, subscriber* sub,
                                               caf::actor bus, std::uint64_t id) {
  self->set_exception_handler(exception_to_error);
  return {
      [=](deliver_atom, const event_ptr& ev) -> caf::result<bool, bool, std::string> {
        if (!sub->accepts(*ev)) return {false, false, std::string{}};
        bus_context ctx{bus, id};
        sub->on_event(*ev, ctx);
        return {true, ctx.unsubscribe_requested(), std::string{}};
      },
  };
}

}  // namespace

sync_child_actor spawn_sync_child(caf::actor_system& sys, subscriber* sub, caf::actor bus,
                                  std::uint64_t id) {
  return sys.spawn(child_behavior, sub, std::move(bus), id);
}

std::string crash_text(caf::actor_system& sys, const caf::error& err) {
  const auto& ctx = err.context();
  if (ctx.match_elements<std::string>()) return ctx.get_as<std::string>(0);
  return sys.render(err);
}

}  // namespace astrid::bus::detail
