// What nodes say to each other: the atoms of their requests, the types that
// cross nodes and their registration. Both ends register the same names, so
// the typed remote_actor() handshake (the gateway's interface, in
// gateway.hpp) checks the interface before any event travels.
#pragma once

#include "actors/wire/event.hpp"

#include <astrid/bus/bus_stats.hpp>
#include <astrid/bus/routed_options.hpp>

#include <caf/actor_system_config.hpp>
#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>

#include <chrono>
#include <cstdint>
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
using rbusstats_atom = caf::atom_constant<caf::atom("rbusstats")>;
using rgate_atom = caf::atom_constant<caf::atom("rgate")>;

/// What a node asks for when it subscribes routed on another node's bus
/// (event_bus::subscribe_routed's arguments; the uuid as text).
struct wire_route_spec {
  std::string capsule;        ///< to_string(capsule uuid)
  std::string pattern;        ///< topic pattern
  std::string capsule_label;  ///< bus_stats key on the owning bus
  std::string label;          ///< subscriber label in logs
  std::uint8_t scope = 0;     ///< routed_scope::kind
  std::string principal;      ///< of a principal scope
  bool gate_open = true;      ///< the gate's state when subscribing (rgate follows it)
};

/// The scope `spec` names; everyone for a kind this node does not know.
/// Throws std::bad_alloc only.
inline routed_scope scope_of(const wire_route_spec& spec) {
  using kind = routed_scope::kind;
  switch (static_cast<kind>(spec.scope)) {
    case kind::everyone: return routed_scope::everyone();
    case kind::system_only: return routed_scope::system_only();
    case kind::principal: return routed_scope::principal(spec.principal);
    case kind::principal_or_system: return routed_scope::principal_or_system(spec.principal);
  }
  return routed_scope::system_only();  // an unknown kind admits the least
}

/// CAF inspection of wire_route_spec.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, wire_route_spec& x) {
  return f(caf::meta::type_name("wire_route_spec"), x.capsule, x.pattern, x.capsule_label,
           x.label, x.scope, x.principal, x.gate_open);
}

/// How long a blocking call to a remote bus waits before giving up (the node
/// is then reported unavailable). A dead node fails faster: CAF answers
/// requests to a lost proxy with an error at once.
inline constexpr std::chrono::seconds remote_call_timeout{30};

/// The names nodes register the wire types under. They carry the format's
/// version: the typed handshake of remote_actor() compares them, so a node
/// speaking another format is refused at connect instead of misread later.
/// Version 2: free-form JSON as a tagged tree (actors/wire/json.hpp).
/// Version 3: IpcMessage carries device_key_id and origin.
inline constexpr const char* wire_event_name = "astrid::wire_event.v3";
inline constexpr const char* wire_batch_name = "astrid::wire_batch.v3";
inline constexpr const char* wire_route_spec_name = "astrid::wire_route_spec.v3";

inline constexpr const char* bus_stats_name = "astrid::bus_stats.v3";

/// Registers every type that crosses nodes. Never throws beyond bad_alloc.
inline void add_wire_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<wire_event>(wire_event_name);
  cfg.add_message_type<wire_batch>(wire_batch_name);
  cfg.add_message_type<wire_route_spec>(wire_route_spec_name);
  cfg.add_message_type<bus_stats>(bus_stats_name);
}

}  // namespace astrid::bus::detail
