// One sync subscriber's actor, and the reaper (see sync_child.hpp).
#include "actors/sync_child.hpp"

#include <caf/error.hpp>
#include <caf/local_actor.hpp>
#include <caf/result.hpp>
#include <caf/scheduled_actor.hpp>
#include <caf/sec.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <exception>
#include <string>

namespace astrid::bus::detail {

namespace {

// Turns the handler's exception into the child's exit reason; the pending
// request fails with it, which is how the supervisor learns the text.
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
      [=](deliver_atom, const event_ptr& ev) -> caf::result<bool, bool> {
        if (!sub->accepts(*ev)) return {false, false};
        bus_context ctx{bus, id};
        sub->on_event(*ev, ctx);
        return {true, ctx.unsubscribe_requested()};
      },
  };
}

// Takes the logger also because CAF 0.17 spawns argument-less functions
// through a null std::shared_ptr<std::tuple<>> (UBSan reports it).
reaper_actor::behavior_type reaper_behavior(reaper_actor::pointer,
                                            std::shared_ptr<spdlog::logger> log) {
  return {
      [log](release_job& job) {
        log->debug("releasing {} subscriber(s) that removed themselves", job.subs.size());
        job.subs.clear();
      },
      [](flush_atom) { return true; },
  };
}

}  // namespace

sync_child_actor spawn_sync_child(caf::local_actor* parent, subscriber* sub, caf::actor bus,
                                  std::uint64_t id) {
  return parent->spawn(child_behavior, sub, std::move(bus), id);
}

reaper_actor spawn_reaper(caf::local_actor* parent, std::shared_ptr<spdlog::logger> log) {
  return parent->spawn<caf::detached>(reaper_behavior, std::move(log));
}

}  // namespace astrid::bus::detail
