// `astrid-bus bench`: the scenarios shared with the peer baselines
// (/work/shared/peers), so our figures can be set against tokio broadcast
// and CAF groups as ratios measured back to back on the same machine.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace caf {
class actor_system_config;
}

namespace astrid::cli::bench {

/// One measured result; printed as one JSON line with --json.
struct result {
  std::string scenario;
  std::size_t subscribers = 0;
  std::uint64_t events = 0;
  double events_per_sec = 0;
  double deliveries_per_sec = 0;
  std::optional<double> p50_us;
  std::optional<double> p99_us;
  std::uint64_t lagged = 0;
  std::optional<double> bytes_per_receiver;  ///< idle-memory only
  std::optional<double> bytes_held;          ///< routed only: peak bytes queued on the route
  std::optional<std::uint64_t> rate;         ///< latency only: events published per second
  std::string note;                          ///< free text (receiver kind, ...)

  /// A result of `scenario` with `subscribers` and `events`, figures zero.
  static result of(std::string scenario, std::size_t subscribers, std::uint64_t events) {
    result r;
    r.scenario = std::move(scenario);
    r.subscribers = subscribers;
    r.events = events;
    return r;
  }
};

/// Sizes an actor system like the peers' (two scheduler threads), work
/// stealing without CAF's 50 us "moderate" polling sleeps. The environment
/// variable ASTRID_BENCH_SCHEDULER=caf-default restores CAF's polling;
/// =sharing selects CAF's work-sharing scheduler instead.
void configure_system(caf::actor_system_config& cfg);

/// A progress bar on stderr, drawn only when stderr is a terminal.
class progress {
 public:
  progress();
  /// Starts a bar for `label` that completes at `total`.
  void start(const std::string& label, std::uint64_t total);
  /// Moves the bar to `done` (redraws at most every 1%).
  void update(std::uint64_t done);
  /// Clears the bar.
  void finish();

 private:
  bool tty_;
  std::string label_;
  std::uint64_t total_ = 1;
  int shown_ = -1;
};

/// 1 publisher (post), `subscribers` receivers on their own threads
/// consuming every event of 64-byte payload; the publisher stays at most
/// half a queue ahead of the slowest receiver (lossless sustained rate).
result fanout(std::size_t subscribers, std::uint64_t events, progress& bar);

/// fanout with `subscribers` actors of the bus's own actor system as
/// receivers (subscribe_actor, event_batch), paced the same way.
result fanout_actors(std::size_t subscribers, std::uint64_t events, progress& bar);

/// 100 topics published round-robin to `subscriptions` topic receivers
/// (a third exact, mid `*`, trailing `.*`), each matching one topic; plus
/// `idle` subscriptions of the same shapes on topics never published (they
/// cost the trie, never a delivery).
result topic(std::size_t subscriptions, std::uint64_t events, progress& bar, std::size_t idle = 0);

/// Publish-to-receive latency of one receiver at a paced `rate` events/s.
result latency(std::uint64_t events, std::uint64_t rate, progress& bar);

/// 1 routed subscription, `principals` principals posting 1 KiB messages
/// round-robin plus one quiet principal (5x less than each other); one
/// consumer thread drains with try_drain. events/s in = posted, out =
/// drained; p50/p99 = wait of the quiet principal; lagged = evicted +
/// rejected; bytes_held = peak bytes queued on the route.
result routed(std::size_t principals, std::uint64_t events, progress& bar);

/// Resident memory per idle receiver with `receivers` receivers (all-events
/// receivers when `topic` is false, else topic receivers).
result idle_memory(std::size_t receivers, bool topic, progress& bar);

}  // namespace astrid::cli::bench
