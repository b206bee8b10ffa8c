// The supervisor of the sync subscribers. Each subscriber runs in its own
// actor and gets one event at a time (stop-and-wait), so when a handler
// throws, nothing is queued in the dying actor's mailbox: the supervisor
// logs the crash with the subscriber's name and the exception text, counts
// it, restarts the actor around the same handler object and goes on with
// the next event. No event is lost for any subscriber, faulty or not.
#pragma once

#include "actors/bus_shared.hpp"
#include "actors/messages.hpp"

#include <caf/fwd.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Spawns the supervisor of bus `bus` as a child of `parent`.
supervisor_actor spawn_supervisor(caf::local_actor* parent, std::shared_ptr<bus_shared> shared,
                                  bus_actor bus);

}  // namespace astrid::bus::detail
