// One sync subscriber's actor. It holds only a plain pointer to the user's
// handler object: its owner (the supervisor, or a node's sync host) keeps the
// object and never lets the child run after releasing it, so the object's
// destructor never runs here (it might publish, and a blocked scheduler
// thread could deadlock the bus).
#pragma once

#include <astrid/bus/event_ptr.hpp>
#include <astrid/bus/subscriber.hpp>

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/fwd.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstdint>
#include <string>

namespace astrid::bus::detail {

/// Hands one event to a sync subscriber's actor.
using deliver_atom = caf::atom_constant<caf::atom("deliver")>;

/// One sync subscriber: handles one event; answers (accepted, unsubscribe,
/// crash). `crash` is empty unless the handler ran on another node and
/// threw there (its host restarted it there; the text is the exception's).
/// A handler that throws here ends this actor instead.
using sync_child_actor =
    caf::typed_actor<caf::replies_to<deliver_atom, event_ptr>::with<bool, bool, std::string>>;

/// Spawns in `sys` the actor running `sub`, registered as subscriber `id`
/// of the bus actor `bus` (where its bus_context posts). A handler
/// exception kills the child and fails the pending request with
/// sec::runtime_error carrying the exception text. Throws std::bad_alloc only.
sync_child_actor spawn_sync_child(caf::actor_system& sys, subscriber* sub, caf::actor bus,
                                  std::uint64_t id);

/// The text a failed delivery carries: the handler's exception message
/// when it threw, else `sys`'s rendering of `err`. Throws std::bad_alloc only.
std::string crash_text(caf::actor_system& sys, const caf::error& err);

}  // namespace astrid::bus::detail
