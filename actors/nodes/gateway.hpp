// The serving side of a bus between nodes: the gateway actor that
// event_bus::serve publishes through CAF's middleman (or caf-openssl). It
// turns other nodes' requests into the bus's own jobs and never blocks: the
// bus answers it through tickets whose completion comes back to it as a
// message. Receivers of other nodes get their batches from the router
// directly (credit and lag are accounted on this, the owning, bus); their
// sync subscribers get a relay in the supervisor (sync_relay.hpp); their
// routed subscriptions get a route here, read through a keeper
// (route_keeper.hpp).
#pragma once

#include "actors/local/bus_actor.hpp"
#include "actors/local/limiter_actor.hpp"
#include "actors/local/resume.hpp"
#include "actors/nodes/protocol.hpp"
#include "shared/bus_shared.hpp"

#include <astrid/bus/bus_stats.hpp>

#include <caf/actor.hpp>
#include <caf/fwd.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace astrid::bus::detail {

/// The actor a serving bus publishes.
/// - publish answers the receiver count; ipc answers (accepted, receivers, reason).
/// - subscribe(who, pattern, label) makes the owning bus send `wire_batch`
///   requests to `who` (credit-based, filtered there; "" = every event) and
///   answers the subscription id.
/// - syncadd(host, name) registers a sync subscriber whose object lives on
///   the asking node in actor `host` (see sync_host.hpp); answers its id.
///   syncdel(id) removes one registered that way; answers whether it existed.
/// - route(client, spec) makes a routed subscription on the owning bus and
///   answers its route_keeper_actor and the route's id; the route lives
///   until `client` is gone. gate(id, open) publishes or retires the gate
///   of that route: through the gateway, so it takes effect before what
///   the subscriber's node sends the gateway next.
/// - hello answers (capacity, subscriber count, routed subscription count,
///   max_payload_bytes) and counts the asking node as connected while the
///   asker lives.
/// - busstats answers a snapshot of the owning bus's counters.
using gateway_actor = caf::typed_actor<
    caf::replies_to<rpublish_atom, wire_event>::with<std::uint64_t>,
    caf::reacts_to<rpost_atom, wire_event>,
    caf::replies_to<ripc_atom, wire_event>::with<bool, std::uint64_t, std::string>,
    caf::replies_to<rsubscribe_atom, caf::actor, std::string, std::string>::with<std::uint64_t>,
    caf::replies_to<rsyncadd_atom, caf::actor, std::string>::with<std::uint64_t>,
    caf::replies_to<rsyncdel_atom, std::uint64_t>::with<bool>,
    caf::replies_to<rroute_atom, caf::actor, wire_route_spec>::with<caf::actor, std::uint64_t>,
    caf::reacts_to<rgate_atom, std::uint64_t, bool>,
    caf::replies_to<rhello_atom>::with<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t>,
    caf::replies_to<rbusstats_atom>::with<bus_stats>, caf::reacts_to<resume_job>>;

/// Spawns the gateway of the bus `bus` (with its rate limiter `limiter`)
/// in `sys`; it quits when the bus does. Scheduled, not detached: it never
/// waits on the bus, and a detached actor that nodes reference can hang
/// actor_system shutdown in CAF 0.17 (CAF issues #1110, #1196). Throws
/// std::bad_alloc only.
gateway_actor spawn_gateway(caf::actor_system& sys, local_bus_actor bus, limiter_actor limiter,
                            std::shared_ptr<bus_shared> shared);

}  // namespace astrid::bus::detail
