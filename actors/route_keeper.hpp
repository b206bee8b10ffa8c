// The owning bus's end of a routed subscription made by another node. Routes
// live on the owning bus (the DRR queues, budget, scope and eviction stay
// where the events are published), so a remote routed_receiver reads by
// request: the keeper answers next/drain/stats from its local route, parks a
// next() on an empty route until the router queues an event (route::await)
// or the reader's timeout passes, and removes the route when the reading
// node's actor goes away (dropped receiver or lost node).
#pragma once

#include "actors/remote_protocol.hpp"
#include "actors/routed_source.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Spawns (as a linked child of `parent`) the keeper of `source` for the
/// reader `client` on another node; destroying the keeper's source (when
/// `client` is down) removes the route from the bus. Logs on `log`.
/// Throws std::bad_alloc only.
route_keeper_actor spawn_route_keeper(caf::local_actor* parent,
                                      std::shared_ptr<local_routed_source> source,
                                      caf::actor client, std::shared_ptr<spdlog::logger> log);

}  // namespace astrid::bus::detail
