// Credit-based delivery to an actor subscriber, as pure bookkeeping: at most
// one batch (<= capacity events) is unacknowledged; what arrives meanwhile
// waits in a drop-oldest queue of `capacity`, and its losses travel with the
// next batch. A slow actor thus costs itself events, never the bus memory.
#pragma once

#include "core/bounded_queue.hpp"

#include <astrid/bus/event_ptr.hpp>

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

  /// The next batch, marked in flight: every pending event (at most
  /// `capacity`) with the losses before them; nullopt while a batch is
  /// unacknowledged or nothing is pending. Throws std::bad_alloc only.
  std::optional<event_batch> take() {
    if (in_flight_ > 0 || pending_.empty()) return std::nullopt;
    event_batch batch;
    batch.lagged = pending_.drain_lagged();
    batch.events.reserve(pending_.size());
    in_flight_ = pending_.pop_into(batch.events, pending_.capacity());
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
