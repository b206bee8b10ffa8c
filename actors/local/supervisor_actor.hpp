// The supervisor of the sync subscribers. Each subscriber runs in its own
// actor and gets one event at a time (core::sync_slot), so when a handler
// throws, nothing is queued in the dying actor's mailbox: the supervisor
// logs the crash with the subscriber's name and the exception text, counts
// it, restarts the actor around the same handler object and goes on with the
// next event. No event is lost for any subscriber, faulty or not.
#pragma once

#include "actors/local/bus_actor.hpp"
#include "actors/local/jobs.hpp"
#include "shared/bus_shared.hpp"

#include <caf/fwd.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <memory>

namespace astrid::bus::detail {

/// The supervisor's interface: events to run, subscribers to add and
/// remove, shutdown.
using supervisor_actor =
    caf::typed_actor<caf::reacts_to<sync_job>, caf::reacts_to<sync_attach>,
                     caf::reacts_to<sync_detach>, caf::reacts_to<shutdown_order>>;

/// Spawns the supervisor of bus `bus` in `sys`. Throws std::bad_alloc only.
supervisor_actor spawn_supervisor(caf::actor_system& sys, std::shared_ptr<bus_shared> shared,
                                  local_bus_actor bus);

}  // namespace astrid::bus::detail
