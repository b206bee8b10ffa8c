// The bus for code that is itself an actor: a typed handle whose interface
// says what each request returns, so an actor publishes, learns the rate
// limiter's verdict, subscribes and reads counters by request(...).then(...)
// and never blocks a scheduler thread. Subscriber actors implement
// `event_sink` and get events in their own mailbox.
//
//   self->request(bus.handle(), caf::infinite, publish_ipc_atom::value, msg)
//       .then([](const astrid::bus::publish_result& r) { ... });
//   // in a subscriber's behavior:
//   [=](const astrid::bus::event_batch& b) { for (auto& e : b.events) ...; }
#pragma once

#include <astrid/bus/bus_stats.hpp>
#include <astrid/bus/event_ptr.hpp>
#include <astrid/bus/publish_result.hpp>

#include <astrid/messages.hpp>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace astrid::bus {

/// `publish_atom, astrid::event` -> receivers: as event_bus::publish (the
/// reply comes after every sync subscriber that accepts it handled it).
using publish_atom = caf::atom_constant<caf::atom("publish")>;
/// `post_atom, astrid::event`: as event_bus::post, no reply.
using post_atom = caf::atom_constant<caf::atom("post")>;
/// `publish_ipc_atom, astrid::ipc_message` -> publish_result: as
/// event_bus::publish_ipc, through the rate limiter.
using publish_ipc_atom = caf::atom_constant<caf::atom("publishipc")>;
/// `subscribe_atom, event_sink, pattern, label` -> subscription id: as
/// event_bus::subscribe_actor ("" = every event).
using subscribe_atom = caf::atom_constant<caf::atom("subscribe")>;
/// `unsubscribe_atom, id` -> whether that actor subscription existed.
using unsubscribe_atom = caf::atom_constant<caf::atom("unsubscr")>;
/// `stats_atom` -> bus_stats: as event_bus::stats.
using stats_atom = caf::atom_constant<caf::atom("stats")>;

/// What a subscriber actor implements. The bus sends each batch as a
/// request; the handler's (empty) reply returns the credit, so a plain
/// `[](const event_batch&) {...}` needs no acknowledgement code.
using event_sink = caf::typed_actor<caf::reacts_to<event_batch>>;

/// The bus as an actor (event_bus::handle()). A request never waits on a
/// blocking call inside the bus, so it works on a system with a single
/// scheduler thread. A request the bus cannot serve is answered with an
/// error: `caf::sec::invalid_argument` for a bad argument (an invalid sink,
/// a malformed pattern), `caf::sec::runtime_error` when the bus shut down
/// while working on it. The bus may accept more messages than these.
using bus_actor = caf::typed_actor<
    caf::replies_to<publish_atom, astrid::event>::with<std::size_t>,
    caf::reacts_to<post_atom, astrid::event>,
    caf::replies_to<publish_ipc_atom, astrid::ipc_message>::with<publish_result>,
    caf::replies_to<subscribe_atom, event_sink, std::string, std::string>::with<std::uint64_t>,
    caf::replies_to<unsubscribe_atom, std::uint64_t>::with<bool>,
    caf::replies_to<stats_atom>::with<bus_stats>>;

}  // namespace astrid::bus

// Events travel by value inside one process when an actor hands them to the
// bus; between nodes they go in the node format (the bus's own business).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::event)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::ipc_message)
