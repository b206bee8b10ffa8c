// The actor an owning bus sends a remote receiver's batches to: it lives on
// the receiving node, appends each wire_batch to the receiver's
// waitable_queue (the batch's lag, counted on the owning bus, first) and
// answers, which returns the credit. The queue is what event_receiver reads.
// It is a broker without connections: it runs on the middleman's
// multiplexer thread, where batches from other nodes arrive (configure()
// has them read there), so a batch reaches the queue, and the answer the
// link, without waking a scheduler thread.
#pragma once

#include "shared/waitable_queue.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Spawns the receiver actor feeding `queue`; it closes the queue and quits
/// when `gateway` (the owning bus's gateway) goes down, and closes it when
/// it is stopped itself. Throws std::bad_alloc only.
caf::actor spawn_remote_receiver(caf::actor_system& sys, std::shared_ptr<waitable_queue> queue,
                                 caf::actor gateway);

}  // namespace astrid::bus::detail
