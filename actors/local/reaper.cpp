// The reaper of released subscribers (see reaper.hpp).
#include "actors/local/reaper.hpp"

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <utility>

namespace astrid::bus::detail {

namespace {

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

reaper_actor spawn_reaper(caf::actor_system& sys, std::shared_ptr<spdlog::logger> log) {
  return sys.spawn<caf::detached>(reaper_behavior, std::move(log));
}

}  // namespace astrid::bus::detail
