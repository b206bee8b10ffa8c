// What nodes say to each other: the gateway a serving bus publishes through
// CAF's middleman, the atoms of its requests, and the registration of every
// type that crosses nodes. Both ends register the same names, so a typed
// remote_actor() handshake checks the interface before any event travels.
#pragma once

#include "actors/wire_inspect.hpp"

#include <caf/actor.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <chrono>
#include <cstdint>
#include <string>

namespace astrid::bus::detail {

using rpublish_atom = caf::atom_constant<caf::atom("rpublish")>;
using rpost_atom = caf::atom_constant<caf::atom("rpost")>;
using ripc_atom = caf::atom_constant<caf::atom("ripc")>;
using rsubscribe_atom = caf::atom_constant<caf::atom("rsubscr")>;
using rhello_atom = caf::atom_constant<caf::atom("rhello")>;

/// The actor a serving bus publishes. publish answers the receiver count;
/// ipc answers (accepted, receivers, reason); subscribe(who, pattern, label)
/// makes the owning bus send `wire_batch` requests to `who` (credit-based,
/// filtered there; "" = every event) and answers the subscription id; hello
/// answers (capacity, subscriber count).
using gateway_actor = caf::typed_actor<
    caf::replies_to<rpublish_atom, wire_event>::with<std::uint64_t>,
    caf::reacts_to<rpost_atom, wire_event>,
    caf::replies_to<ripc_atom, wire_event>::with<bool, std::uint64_t, std::string>,
    caf::replies_to<rsubscribe_atom, caf::actor, std::string, std::string>::with<std::uint64_t>,
    caf::replies_to<rhello_atom>::with<std::uint64_t, std::uint64_t>>;

/// How long a blocking call to a remote bus waits before giving up (the node
/// is then reported unavailable). A dead node fails faster: CAF answers
/// requests to a lost proxy with an error at once.
inline constexpr std::chrono::seconds remote_call_timeout{30};

/// Registers every type that crosses nodes. Never throws beyond bad_alloc.
inline void add_wire_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<wire_event>("astrid::wire_event");
  cfg.add_message_type<wire_batch>("astrid::wire_batch");
}

}  // namespace astrid::bus::detail
