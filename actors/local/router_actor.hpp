// The topic router: owns the segment trie of subscription patterns, so a
// publish costs its topic's depth and its matches, never a scan of every
// subscription. Feeds topic receivers' queues, routed subscriptions and
// actor subscribers' credit windows (local ones and, without a relay, actors
// on other nodes); an actor subscriber that dies is dropped (monitor).
#pragma once

#include "actors/local/bus_actor.hpp"
#include "actors/local/jobs.hpp"
#include "shared/bus_shared.hpp"

#include <caf/fwd.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <memory>

namespace astrid::bus::detail {

/// The router's interface: published events in batches, and the
/// subscriptions the bus hands on.
using router_actor =
    caf::typed_actor<caf::reacts_to<fanout_batch>, caf::reacts_to<topic_attach>,
                     caf::reacts_to<topic_detach>, caf::reacts_to<actor_attach>,
                     caf::reacts_to<actor_detach>, caf::reacts_to<shutdown_order>,
                     caf::reacts_to<route_attach>, caf::reacts_to<route_detach>,
                     caf::reacts_to<stats_query>>;

/// Spawns the topic router of bus `bus` (which gets `sink_gone` when an
/// actor subscription ends by itself) in `sys`. Throws std::bad_alloc only.
router_actor spawn_router(caf::actor_system& sys, std::shared_ptr<bus_shared> shared,
                          local_bus_actor bus);

}  // namespace astrid::bus::detail
