// Counters shared by the bus's actors and receivers, read by
// event_bus::stats(). Hot counters are relaxed atomics; the per-label and
// per-reason maps take a mutex, but only on lag, rejection and acknowledged
// batches, never per event.
#pragma once

#include <astrid/bus/bus_stats.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace astrid::bus::detail {

/// The counters of one bus, except "published by type" (kept by the bus
/// actor) and the gauges the census and the routes hold.
class bus_metrics {
 public:
  /// Capsule label -> principal class -> count.
  using routed_counters = std::map<std::string, std::map<std::string, std::uint64_t>, std::less<>>;

  /// Counts `n` hand-overs to receivers or subscribers. Never throws.
  void add_delivered(std::uint64_t n) noexcept { delivered_.fetch_add(n, std::memory_order_relaxed); }
  /// Counts one sync-subscriber crash. Never throws.
  void add_crash() noexcept { crashes_.fetch_add(1, std::memory_order_relaxed); }
  /// Counts one sync-subscriber restart. Never throws.
  void add_restart() noexcept { restarts_.fetch_add(1, std::memory_order_relaxed); }
  /// Counts one connection closed for announcing a message above the
  /// node's max_message_bytes. Never throws.
  void add_refused_message() noexcept { refused_.fetch_add(1, std::memory_order_relaxed); }
  /// One more node connected through a gateway. Never throws.
  void add_node() noexcept { nodes_.fetch_add(1, std::memory_order_relaxed); }
  /// One node fewer. Never throws.
  void remove_node() noexcept { nodes_.fetch_sub(1, std::memory_order_relaxed); }
  /// Counts `n` events lost by the receiver labelled `label`. Throws std::bad_alloc only.
  void add_lagged(std::string_view label, std::uint64_t n);
  /// Counts `n` events confirmed by the actor subscriber labelled `label`.
  /// Throws std::bad_alloc only.
  void add_acknowledged(std::string_view label, std::uint64_t n);
  /// Counts one refused IPC publish. Throws std::bad_alloc only.
  void add_rejected(std::string_view reason);
  /// Counts `n` events of principal class `principal_class` evicted from a
  /// routed subscription of capsule `capsule`. Throws std::bad_alloc only.
  void add_routed_evicted(std::string_view capsule, std::string_view principal_class,
                          std::uint64_t n);
  /// Counts `n` events of principal class `principal_class` rejected by a
  /// routed subscription of capsule `capsule`. Throws std::bad_alloc only.
  void add_routed_rejected(std::string_view capsule, std::string_view principal_class,
                           std::uint64_t n);
  /// Copies every counter held here into `out`. Throws std::bad_alloc only.
  void fill(bus_stats& out) const;

 private:
  std::atomic<std::uint64_t> delivered_{0};
  std::atomic<std::uint64_t> crashes_{0};
  std::atomic<std::uint64_t> restarts_{0};
  std::atomic<std::uint64_t> nodes_{0};
  std::atomic<std::uint64_t> refused_{0};
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t, std::less<>> lagged_;
  std::map<std::string, std::uint64_t, std::less<>> acknowledged_;
  std::map<std::string, std::uint64_t, std::less<>> rejected_;
  routed_counters routed_evicted_;
  routed_counters routed_rejected_;
};

}  // namespace astrid::bus::detail
