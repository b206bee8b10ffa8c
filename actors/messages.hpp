// The messages between the facade and the bus's actors, and the actors'
// typed interfaces. Everything here is local to one process (shared
// pointers, tickets), hence whitelisted as unsafe message types; what crosses
// nodes is defined by the remote bridge.
#pragma once

#include "actors/call.hpp"
#include "actors/route.hpp"
#include "actors/topic_queue.hpp"
#include "core/broadcast_ring.hpp"

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

using deliver_atom = caf::atom_constant<caf::atom("deliver")>;
using flush_atom = caf::atom_constant<caf::atom("flush")>;
using shutdown_atom = caf::atom_constant<caf::atom("shutdown")>;

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
  std::shared_ptr<topic_queue> queue;
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
/// `remote` set, wire_batches (`who` relays them to another node).
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
/// run there by actor `remote` (see actors/sync_relay.hpp).
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
/// supervisor -> reaper: objects to destroy off the scheduler's threads.
struct release_job {
  subscriber_list subs;
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

/// The bus: stamps, fans out to the hub, hands on to router and supervisor.
using bus_actor = caf::typed_actor<
    caf::reacts_to<publish_job>, caf::reacts_to<ring_attach>, caf::reacts_to<topic_attach>,
    caf::reacts_to<topic_detach>, caf::reacts_to<actor_attach>, caf::reacts_to<actor_detach>,
    caf::reacts_to<sink_gone>, caf::reacts_to<sync_attach>, caf::reacts_to<sync_detach>,
    caf::reacts_to<sync_gone>, caf::reacts_to<stats_query>, caf::reacts_to<shutdown_order>,
    caf::reacts_to<route_attach>, caf::reacts_to<route_detach>>;

/// The topic router: the trie of patterns, topic queues and actor sinks.
using router_actor =
    caf::typed_actor<caf::reacts_to<fanout_batch>, caf::reacts_to<topic_attach>,
                     caf::reacts_to<topic_detach>, caf::reacts_to<actor_attach>,
                     caf::reacts_to<actor_detach>, caf::reacts_to<shutdown_order>,
                     caf::reacts_to<route_attach>, caf::reacts_to<route_detach>>;

/// The rate limiter in front of the bus for guest IPC.
using limiter_actor = caf::typed_actor<caf::reacts_to<ipc_job>, caf::reacts_to<shutdown_atom>>;

/// The supervisor of the sync subscribers.
using supervisor_actor =
    caf::typed_actor<caf::reacts_to<sync_job>, caf::reacts_to<sync_attach>,
                     caf::reacts_to<sync_detach>, caf::reacts_to<shutdown_order>>;

/// One sync subscriber: handles one event; answers (accepted, unsubscribe).
using sync_child_actor =
    caf::typed_actor<caf::replies_to<deliver_atom, event_ptr>::with<bool, bool>>;

/// Destroys released subscribers on its own thread; `flush` answers once
/// everything sent before it is destroyed.
using reaper_actor =
    caf::typed_actor<caf::reacts_to<release_job>, caf::replies_to<flush_atom>::with<bool>>;

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
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::release_job)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::stats_query)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::shutdown_order)
