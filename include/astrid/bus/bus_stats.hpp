// What an operator asks a running bus: how much went through, who lagged,
// which subscribers crashed, what the rate limiter refused, who is
// subscribed. Counters only grow; gauges (subscribers, routed bytes, nodes)
// are read when the snapshot is taken. A snapshot is cheap and consistent
// with every publish that returned.
#pragma once

#include <caf/meta/type_name.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace astrid::bus {

/// A snapshot of a bus's counters since it was created.
struct bus_stats {
  /// Events accepted by the bus, by `astrid::event_type` ("ipc", "custom",
  /// "astrid.v1.lifecycle.kernel_started", ...).
  std::map<std::string, std::uint64_t> published;
  /// Hand-overs of an event to a receiver, actor subscriber or sync subscriber.
  std::uint64_t delivered = 0;
  /// Events lost to overflow, by receiver label (unlabeled: "untagged").
  std::map<std::string, std::uint64_t> lagged;
  /// Events actor subscribers confirmed (their batch handler returned), by
  /// label; a receiver on another node is labeled "LABEL@NODE" and confirms
  /// what reached its node. Shows how far behind each one is.
  std::map<std::string, std::uint64_t> acknowledged;
  /// Sync-subscriber handler exceptions (each one killed that subscriber's actor).
  std::uint64_t subscriber_crashes = 0;
  /// Sync-subscriber actors restarted around their handler after a crash.
  std::uint64_t subscriber_restarts = 0;
  /// IPC publishes refused, by reason ("Payload too large", "Rate limit exceeded").
  std::map<std::string, std::uint64_t> rejected;
  /// Routed-subscription events evicted to make room (route budget full, or
  /// the principal's queue at 256), by capsule label, then principal class
  /// ("system", "agent", "user") of the evicted event's publisher.
  std::map<std::string, std::map<std::string, std::uint64_t>> routed_evicted;
  /// Routed-subscription events rejected as larger than a route's whole
  /// budget, by capsule label, then principal class of the publisher.
  std::map<std::string, std::map<std::string, std::uint64_t>> routed_rejected;
  /// Live subscriptions by kind: "receiver", "topic_receiver", "actor",
  /// "sync" and "routed" (those of other nodes included).
  std::map<std::string, std::uint64_t> subscribers;
  /// Bytes queued in routed subscriptions now.
  std::uint64_t routed_bytes = 0;
  /// Other nodes connected to this bus now (through serve()).
  std::uint64_t nodes = 0;
  /// Connections closed because the peer announced a message larger than
  /// bus_config::message_limit() (nothing was reserved for it).
  std::uint64_t refused_messages = 0;

  /// Sum of `published`.
  std::uint64_t published_total() const noexcept;
  /// Sum of `lagged`.
  std::uint64_t lagged_total() const noexcept;
  /// Sum of `rejected`.
  std::uint64_t rejected_total() const noexcept;
  /// Sum of `routed_evicted`.
  std::uint64_t routed_evicted_total() const noexcept;
  /// Sum of `routed_rejected`.
  std::uint64_t routed_rejected_total() const noexcept;
};

/// CAF inspection of bus_stats: a bus actor's stats reply, and what
/// `astrid-bus stats` reads from a serving node.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, bus_stats& x) {
  return f(caf::meta::type_name("bus_stats"), x.published, x.delivered, x.lagged, x.acknowledged,
           x.subscriber_crashes, x.subscriber_restarts, x.rejected, x.routed_evicted,
           x.routed_rejected, x.subscribers, x.routed_bytes, x.nodes, x.refused_messages);
}

}  // namespace astrid::bus
