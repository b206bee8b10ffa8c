// The work the facade and the nodes hand to a bus's local actors, and what
// those actors hand each other. Everything here is local to one process
// (shared pointers, tickets), hence whitelisted as unsafe message types;
// what crosses nodes is in actors/nodes/protocol.hpp. Each actor's typed
// interface is in its own header.
#pragma once

#include "core/broadcast_ring.hpp"
#include "shared/call.hpp"
#include "shared/route.hpp"
#include "shared/waitable_queue.hpp"

#include <astrid/bus/bus_stats.hpp>
#include <astrid/bus/event_ptr.hpp>
#include <astrid/bus/subscriber.hpp>

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace astrid::bus::detail {

/// Result of a blocking publish: receivers handed the event, or the reason
/// the rate limiter refused it; plus subscribers that removed themselves
/// while handling it, to be destroyed on the publishing thread.
struct publish_outcome {
  std::size_t receivers = 0;
  std::string rejected;
  std::vector<std::shared_ptr<subscriber>> released;
};
using publish_ticket = ticket<publish_outcome>;
using subscriber_list = std::vector<std::shared_ptr<subscriber>>;

/// facade/limiter/context -> bus: publish `ev` (not yet stamped); `done`
/// is empty for post().
struct publish_job {
  std::shared_ptr<astrid::event> ev;
  publish_ticket done;
};
/// facade -> limiter: an IPC event to check before publishing.
struct ipc_job {
  std::shared_ptr<astrid::event> ev;
  publish_ticket done;
};
/// A published event for topic receivers and actor sinks.
struct fanout_job {
  event_ptr ev;
  publish_ticket done;
};
/// bus -> router: published events, in order. The bus gathers what one
/// mailbox drain publishes (up to max_fanout_batch), so a flood costs the
/// router one message per batch, not per event.
struct fanout_batch {
  std::vector<fanout_job> jobs;
};
inline constexpr std::size_t max_fanout_batch = 64;
/// bus -> supervisor: a published event for the sync subscribers.
struct sync_job {
  event_ptr ev;
  publish_ticket done;
};
/// facade -> bus: attach an all-events receiver; answers its cursor.
struct ring_attach {
  ticket<core::ring_cursor> done;
};
/// facade -> bus -> router: route IPC events matching `pattern` to `queue`.
struct topic_attach {
  std::uint64_t id = 0;
  std::string pattern;
  std::shared_ptr<waitable_queue> queue;
  ticket<bool> done;
};
/// receiver -> bus -> router: a topic receiver was destroyed.
struct topic_detach {
  std::uint64_t id = 0;
};
/// facade -> bus -> router: give routed subscription `id` its own copy of
/// the IPC events matching `pattern` that its `queue` admits (scope).
struct route_attach {
  std::uint64_t id = 0;
  std::string pattern;
  std::shared_ptr<route> queue;
  route_owner owner;
  ticket<bool> done;
};
/// routed receiver -> bus -> router: a routed receiver was destroyed.
struct route_detach {
  std::uint64_t id = 0;
};
/// facade -> bus -> router: deliver event batches to actor `who`; with
/// `remote` set, `who` is an actor on another node and gets wire_batches.
struct actor_attach {
  std::uint64_t id = 0;
  caf::actor who;
  std::string pattern;  // empty: every event
  std::string label;
  ticket<bool> done;
  bool remote = false;
};
/// facade -> bus -> router: end an actor subscription; answers whether it existed.
struct actor_detach {
  std::uint64_t id = 0;
  ticket<bool> done;
};
/// router -> bus: an actor subscription ended by itself (its actor died).
struct sink_gone {
  std::uint64_t id = 0;
};
/// facade -> bus -> supervisor: run sync subscriber `sub` in its own actor;
/// with `remote` set, `sub` only stands in for an object on another node,
/// run there by actor `remote` (see actors/nodes/sync_relay.hpp).
struct sync_attach {
  std::uint64_t id = 0;
  std::shared_ptr<subscriber> sub;
  std::string name;
  ticket<bool> done;
  caf::actor remote;
};
/// facade -> bus -> supervisor: remove a sync subscriber; answers the object.
struct sync_detach {
  std::uint64_t id = 0;
  ticket<std::shared_ptr<subscriber>> done;
};
/// supervisor -> bus: a sync subscriber removed itself.
struct sync_gone {
  std::uint64_t id = 0;
};
/// facade -> bus: the counters the bus actor keeps.
struct stats_query {
  ticket<bus_stats> done;
};
/// facade -> bus -> router + supervisor: stop; the supervisor answers every
/// sync subscriber, the router holds the ticket until its queues are closed.
struct shutdown_order {
  ticket<subscriber_list> done;
};

/// Asks the limiter to quit.
using shutdown_atom = caf::atom_constant<caf::atom("shutdown")>;

/// The rate limiter's interface (limiter_actor.hpp): IPC events to check,
/// shutdown. Here so the bus actor's interface can name it.
using limiter_actor = caf::typed_actor<caf::reacts_to<ipc_job>, caf::reacts_to<shutdown_atom>>;

}  // namespace astrid::bus::detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::publish_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::ipc_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::fanout_batch)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::sync_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::ring_attach)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::topic_attach)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::topic_detach)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::route_attach)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::route_detach)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::actor_attach)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::actor_detach)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::sink_gone)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::sync_attach)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::sync_detach)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::sync_gone)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::stats_query)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::shutdown_order)
