// Credit-based delivery to an actor subscriber, as pure bookkeeping: at most
// `max_in_flight` batches (each <= max_batch events) are unacknowledged; what
// arrives meanwhile waits in a drop-oldest queue of `capacity`, and its
// losses travel with the next batch. A slow actor thus costs itself events,
// never the bus memory. A local actor gets one batch at a time; a receiver on
// another node gets a few, so the link's round trip does not idle it.
#pragma once

#include "core/bounded_queue.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace astrid::core {

/// The pending events and the credit of one actor subscription. `Batch` is
/// a message with `events` (a std::vector of items) and `lagged`
/// (event_batch locally, wire_batch for another node). Not thread-safe.
template <class Batch>
class credit_window {
 public:
  using item_type = typename decltype(Batch::events)::value_type;

  /// Most events in one batch: a bigger batch buys no throughput, and a
  /// huge one (a bus configured with a huge capacity) stalls the middleman
  /// while it grows a multi-megabyte buffer.
  static constexpr std::size_t max_batch = 256;
  /// The most batches a window lets be in flight.
  static constexpr std::size_t max_credit = 8;

  /// A window of `capacity` pending events with at most `max_in_flight`
  /// batches unacknowledged. Throws std::invalid_argument for a 0 or a
  /// max_in_flight above max_credit.
  explicit credit_window(std::size_t capacity, std::size_t max_in_flight = 1)
      : pending_{capacity},
        max_in_flight_{static_cast<std::uint8_t>(std::min(max_in_flight, max_credit))} {
    if (max_in_flight == 0 || max_in_flight > max_credit)
      throw std::invalid_argument{"credit_window: max_in_flight must be 1.." +
                                  std::to_string(max_credit)};
  }

  /// Queues `x` (dropping and counting the oldest pending one when full).
  /// Returns true when a batch may be sent now. Throws std::bad_alloc only.
  bool offer(item_type x) {
    pending_.push(std::move(x));
    return batches_ < max_in_flight_;
  }

  /// Counts `n` events lost before the pending ones (they could not be
  /// offered): the receiver learns of them with the next batch. Never throws.
  void lose(std::uint64_t n) noexcept { pending_.add_lagged(n); }

  /// The next batch, marked in flight: the oldest pending events (at most
  /// `max_batch`) with the losses before them; nullopt while all credit is
  /// out or nothing is pending. Throws std::bad_alloc only.
  std::optional<Batch> take() {
    return take(SIZE_MAX, [](const item_type&) { return std::size_t{0}; });
  }

  /// `take()`, also stopping before the events' `size_of` sum would pass
  /// `max_bytes` (a batch holds at least one event, whatever its size).
  /// Throws std::bad_alloc only.
  template <class SizeOf>
  std::optional<Batch> take(std::size_t max_bytes, SizeOf&& size_of) {
    if (batches_ >= max_in_flight_ || pending_.empty()) return std::nullopt;
    Batch batch;
    batch.lagged = pending_.drain_lagged();
    batch.events.reserve(std::min(pending_.size(), max_batch));
    std::size_t bytes = 0;
    while (batch.events.size() < max_batch && !pending_.empty()) {
      const auto size = size_of(*pending_.front());
      if (!batch.events.empty() && bytes + size > max_bytes) break;
      bytes += size;
      batch.events.push_back(std::move(*pending_.pop()));
    }
    sizes_[(first_ + batches_) % max_credit] = static_cast<std::uint16_t>(batch.events.size());
    ++batches_;
    return batch;
  }

  /// The oldest batch in flight was answered: its credit returns. Returns
  /// its number of events (0 when none was in flight). Never throws.
  std::size_t acknowledge() noexcept {
    if (batches_ == 0) return 0;
    const std::size_t n = sizes_[first_];
    first_ = static_cast<std::uint8_t>((first_ + 1) % max_credit);
    --batches_;
    return n;
  }

  /// Events sent and not yet acknowledged. Never throws.
  std::size_t in_flight() const noexcept {
    std::size_t n = 0;
    for (std::size_t i = 0; i < batches_; ++i) n += sizes_[(first_ + i) % max_credit];
    return n;
  }
  /// Batches sent and not yet acknowledged. Never throws.
  std::size_t batches_in_flight() const noexcept { return batches_; }
  /// Events waiting for credit. Never throws.
  std::size_t pending() const noexcept { return pending_.size(); }

 private:
  bounded_queue<item_type> pending_;
  std::array<std::uint16_t, max_credit> sizes_{};  // unacknowledged batches, a ring
  std::uint8_t first_ = 0;    // the oldest of them in sizes_
  std::uint8_t batches_ = 0;  // how many
  std::uint8_t max_in_flight_;
};

}  // namespace astrid::core
