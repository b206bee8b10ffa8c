// The topic router: owns the segment trie of subscription patterns, so a
// publish costs its topic's depth and its matches, never a scan of every
// subscription. Feeds topic receivers' queues and actor subscribers'
// credit windows; an actor subscriber that dies is dropped (monitor).
#pragma once

#include "actors/bus_shared.hpp"
#include "actors/messages.hpp"

#include <caf/fwd.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Spawns the topic router of bus `bus` (which gets `sink_gone` when an
/// actor subscription ends by itself) as a child of `parent`.
router_actor spawn_router(caf::local_actor* parent, std::shared_ptr<bus_shared> shared,
                          bus_actor bus);

}  // namespace astrid::bus::detail
