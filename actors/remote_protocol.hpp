// What nodes say to each other: the gateway a serving bus publishes through
// CAF's middleman, the route keepers it spawns for routed subscriptions of
// other nodes, the atoms of their requests, and the registration of every
// type that crosses nodes. Both ends register the same names, so a typed
// remote_actor() handshake checks the interface before any event travels.
#pragma once

#include "actors/wire_inspect.hpp"

#include <caf/actor.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace astrid::bus::detail {

using rpublish_atom = caf::atom_constant<caf::atom("rpublish")>;
using rpost_atom = caf::atom_constant<caf::atom("rpost")>;
using ripc_atom = caf::atom_constant<caf::atom("ripc")>;
using rsubscribe_atom = caf::atom_constant<caf::atom("rsubscr")>;
using rhello_atom = caf::atom_constant<caf::atom("rhello")>;
using rsyncadd_atom = caf::atom_constant<caf::atom("rsyncadd")>;
using rsyncdel_atom = caf::atom_constant<caf::atom("rsyncdel")>;
using rdeliver_atom = caf::atom_constant<caf::atom("rdeliver")>;
using rbind_atom = caf::atom_constant<caf::atom("rbind")>;
using rroute_atom = caf::atom_constant<caf::atom("rroute")>;
using rnext_atom = caf::atom_constant<caf::atom("rnext")>;
using rdrain_atom = caf::atom_constant<caf::atom("rdrain")>;
using rstats_atom = caf::atom_constant<caf::atom("rstats")>;
using rwake_atom = caf::atom_constant<caf::atom("rwake")>;
using rtimeout_atom = caf::atom_constant<caf::atom("rtimeout")>;

/// What a node asks for when it subscribes routed on another node's bus
/// (event_bus::subscribe_routed's arguments; the uuid as text).
struct wire_route_spec {
  std::string capsule;        ///< to_string(capsule uuid)
  std::string pattern;        ///< topic pattern
  std::string capsule_label;  ///< bus_stats key on the owning bus
  std::string label;          ///< subscriber label in logs
  bool scoped = false;        ///< false: admits everyone
  std::string scope;          ///< when scoped: principal or "system"
};

/// CAF inspection of wire_route_spec.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, wire_route_spec& x) {
  return f(caf::meta::type_name("wire_route_spec"), x.capsule, x.pattern, x.capsule_label,
           x.label, x.scoped, x.scope);
}

/// Local only, never crosses nodes: work the bus finished for the gateway,
/// run in the gateway's own context (the gateway never blocks on the bus).
struct gateway_resume {
  std::function<void()> run;
};

/// The actor a serving bus publishes.
/// - publish answers the receiver count; ipc answers (accepted, receivers, reason).
/// - subscribe(who, pattern, label) makes the owning bus send `wire_batch`
///   requests to `who` (credit-based, filtered there; "" = every event) and
///   answers the subscription id.
/// - syncadd(host, name) registers a sync subscriber whose object lives on
///   the asking node in actor `host` (see actors/sync_host.hpp); answers its
///   id. syncdel(id) removes one registered that way; answers whether it existed.
/// - route(client, spec) makes a routed subscription on the owning bus and
///   answers its route_keeper_actor; the route lives until `client` is gone.
/// - hello answers (capacity, subscriber count, routed subscription count).
using gateway_actor = caf::typed_actor<
    caf::replies_to<rpublish_atom, wire_event>::with<std::uint64_t>,
    caf::reacts_to<rpost_atom, wire_event>,
    caf::replies_to<ripc_atom, wire_event>::with<bool, std::uint64_t, std::string>,
    caf::replies_to<rsubscribe_atom, caf::actor, std::string, std::string>::with<std::uint64_t>,
    caf::replies_to<rsyncadd_atom, caf::actor, std::string>::with<std::uint64_t>,
    caf::replies_to<rsyncdel_atom, std::uint64_t>::with<bool>,
    caf::replies_to<rroute_atom, caf::actor, wire_route_spec>::with<caf::actor>,
    caf::replies_to<rhello_atom>::with<std::uint64_t, std::uint64_t, std::uint64_t>,
    caf::reacts_to<gateway_resume>>;

/// The owning bus's end of one routed subscription of another node (see
/// actors/route_keeper.hpp). Reads answer (events, closed): `closed` once
/// the owning bus is gone and the route is empty.
/// - next(timeout_ms) answers at most one event in DRR order, waiting up to
///   timeout_ms for one (0 = never waits).
/// - drain(budget_bytes) answers what route::drain(budget_bytes) yields.
/// - stats answers (queued bytes, queued events, principal queues, wake-ups).
/// - wake and timeout are the keeper's own (from its route, from a timer).
using route_keeper_actor = caf::typed_actor<
    caf::replies_to<rnext_atom, std::uint64_t>::with<wire_batch, bool>,
    caf::replies_to<rdrain_atom, std::uint64_t>::with<wire_batch, bool>,
    caf::replies_to<rstats_atom>::with<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t>,
    caf::reacts_to<rwake_atom>, caf::reacts_to<rtimeout_atom, std::uint64_t>>;

/// How long a blocking call to a remote bus waits before giving up (the node
/// is then reported unavailable). A dead node fails faster: CAF answers
/// requests to a lost proxy with an error at once.
inline constexpr std::chrono::seconds remote_call_timeout{30};

/// The names nodes register the wire types under. They carry the format's
/// version: the typed handshake of remote_actor() compares them, so a node
/// speaking another format is refused at connect instead of misread later.
/// Version 2: free-form JSON as a tagged tree (actors/wire_json.hpp).
inline constexpr const char* wire_event_name = "astrid::wire_event.v2";
inline constexpr const char* wire_batch_name = "astrid::wire_batch.v2";
inline constexpr const char* wire_route_spec_name = "astrid::wire_route_spec.v2";

/// Registers every type that crosses nodes. Never throws beyond bad_alloc.
inline void add_wire_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<wire_event>(wire_event_name);
  cfg.add_message_type<wire_batch>(wire_batch_name);
  cfg.add_message_type<wire_route_spec>(wire_route_spec_name);
}

}  // namespace astrid::bus::detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::gateway_resume)
