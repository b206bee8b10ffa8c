// Credit-based delivery to an actor subscriber, as pure bookkeeping: at most
// one batch (<= max_batch events) is unacknowledged; what arrives meanwhile
// waits in a drop-oldest queue of `capacity`, and its losses travel with the
// next batch. A slow actor thus costs itself events, never the bus memory.
#pragma once

#include "core/bounded_queue.hpp"

#include <astrid/bus/event_ptr.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>

namespace astrid::bus::detail {

/// The pending events and the credit of one actor subscription. Not thread-safe.
class credit_window {
 public:
  /// A window of `capacity` events. Throws std::invalid_argument for 0.
  explicit credit_window(std::size_t capacity) : pending_{capacity} {}

  /// Queues `ev` (dropping and counting the oldest pending one when full).
  /// Returns true when a batch may be sent now. Throws std::bad_alloc only.
  bool offer(event_ptr ev) {
    pending_.push(std::move(ev));
    return in_flight_ == 0;
  }

  /// Most events in one batch: a bigger batch buys no throughput, and a
  /// huge one (a bus configured with a huge capacity) stalls the middleman
  /// while it grows a multi-megabyte buffer.
  static constexpr std::size_t max_batch = 256;

  /// The next batch, marked in flight: the oldest pending events (at most
  /// `max_batch`) with the losses before them; nullopt while a batch is
  /// unacknowledged or nothing is pending. Throws std::bad_alloc only.
  std::optional<event_batch> take() {
    if (in_flight_ > 0 || pending_.empty()) return std::nullopt;
    event_batch batch;
    batch.lagged = pending_.drain_lagged();
    const auto n = std::min(pending_.size(), max_batch);
    batch.events.reserve(n);
    in_flight_ = pending_.pop_into(batch.events, n);
    return batch;
  }

  /// The batch in flight was answered: its credit returns. Never throws.
  void acknowledge() noexcept { in_flight_ = 0; }

  /// Events sent and not yet acknowledged. Never throws.
  std::size_t in_flight() const noexcept { return in_flight_; }
  /// Events waiting for credit. Never throws.
  std::size_t pending() const noexcept { return pending_.size(); }

 private:
  core::bounded_queue<event_ptr> pending_;
  std::size_t in_flight_ = 0;
};

}  // namespace astrid::bus::detail
