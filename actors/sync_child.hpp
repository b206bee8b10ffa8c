// One sync subscriber's actor. It holds only a plain pointer to the user's
// handler object: the supervisor owns the object and never lets the child
// run after releasing it, so the object's destructor never runs here (it
// might publish, and a blocked scheduler thread could deadlock the bus).
#pragma once

#include "actors/messages.hpp"

#include <caf/fwd.hpp>

#include <spdlog/logger.h>

#include <memory>

#include <cstdint>

namespace astrid::bus::detail {

/// Spawns (as a child of `parent`) the actor running `sub`, registered as
/// subscriber `id` of the bus actor `bus`. A handler exception kills the
/// child and fails the pending request with sec::runtime_error carrying the
/// exception text.
sync_child_actor spawn_sync_child(caf::local_actor* parent, subscriber* sub, caf::actor bus,
                                  std::uint64_t id);

/// Spawns, as a detached actor with its own thread, the reaper that
/// destroys released subscribers away from the scheduler's threads.
/// Logs each release on `log` (debug).
reaper_actor spawn_reaper(caf::local_actor* parent, std::shared_ptr<spdlog::logger> log);

}  // namespace astrid::bus::detail
