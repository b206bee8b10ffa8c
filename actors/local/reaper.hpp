// Subscriber objects released inside the bus (a handler that removed itself
// during a post) are destroyed here, on a thread of their own: a destructor
// may block or publish, and on a scheduler thread that could stall the bus.
#pragma once

#include <astrid/bus/subscriber.hpp>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/fwd.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <spdlog/logger.h>

#include <memory>
#include <vector>

namespace astrid::bus::detail {

/// Asks the reaper to answer once everything sent before is destroyed.
using flush_atom = caf::atom_constant<caf::atom("flush")>;

/// Objects to destroy off the scheduler's threads.
struct release_job {
  std::vector<std::shared_ptr<subscriber>> subs;
};

/// Destroys released subscribers on its own thread; `flush` answers once
/// everything sent before it is destroyed.
using reaper_actor =
    caf::typed_actor<caf::reacts_to<release_job>, caf::replies_to<flush_atom>::with<bool>>;

/// Spawns the reaper in `sys`, as a detached actor with its own thread.
/// Logs each release on `log` (debug). Throws std::bad_alloc only.
reaper_actor spawn_reaper(caf::actor_system& sys, std::shared_ptr<spdlog::logger> log);

}  // namespace astrid::bus::detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::release_job)
