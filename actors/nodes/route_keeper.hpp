// The owning bus's end of a routed subscription made by another node. Routes
// live on the owning bus (the DRR queues, budget, scope and eviction stay
// where the events are published), so a remote routed_receiver reads by
// request: the keeper answers next/drain/stats from its local route, parks a
// next() on an empty route until the router queues an event (route::await)
// or the reader's timeout passes, and removes the route when the reading
// node's actor goes away (dropped receiver or lost node).
#pragma once

#include "actors/local/route_lease.hpp"
#include "actors/nodes/protocol.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <spdlog/logger.h>

#include <cstdint>
#include <memory>

namespace astrid::bus::detail {

/// The keeper's interface. Reads answer (events, closed): `closed` once the
/// owning bus is gone and the route is empty.
/// - next(timeout_ms) answers at most one event in DRR order, waiting up to
///   timeout_ms for one (0 = never waits).
/// - drain(budget_bytes) answers what route::drain(budget_bytes) yields.
/// - stats answers (queued bytes, queued events, principal queues, wake-ups,
///   1 while a next() is parked else 0).
/// - wake and timeout are the keeper's own (from its route, from a timer).
using route_keeper_actor = caf::typed_actor<
    caf::replies_to<rnext_atom, std::uint64_t>::with<wire_batch, bool>,
    caf::replies_to<rdrain_atom, std::uint64_t>::with<wire_batch, bool>,
    caf::replies_to<rstats_atom>::with<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t,
                                       std::uint64_t>,
    caf::reacts_to<rwake_atom>, caf::reacts_to<rtimeout_atom, std::uint64_t>>;

/// Spawns (linked to `parent`, the gateway) the keeper of the route held by
/// `lease` for the reader `client` on another node; when `client` is down
/// the keeper drops the lease, which removes the route from the bus. Logs
/// on `log`. Throws std::bad_alloc only.
route_keeper_actor spawn_route_keeper(caf::local_actor* parent, route_lease lease,
                                      caf::actor client, std::shared_ptr<spdlog::logger> log);

}  // namespace astrid::bus::detail
