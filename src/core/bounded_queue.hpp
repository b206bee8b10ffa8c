// The per-receiver queue: bounded, drops the oldest item when full, and
// counts exactly how many were lost so `drain_lagged()` can report it. A slow
// receiver therefore costs itself events, never the bus memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <stdexcept>
#include <utility>

namespace astrid::core {

/// A FIFO of at most `capacity()` items that drops its oldest item to make
/// room. Storage grows with the contents (not preallocated), so thousands of
/// idle receivers cost little. Not thread-safe.
template <class T>
class bounded_queue {
 public:
  /// A queue holding at most `capacity` items. Throws std::invalid_argument
  /// when `capacity` is 0.
  explicit bounded_queue(std::size_t capacity) : capacity_{capacity} {
    if (capacity == 0) throw std::invalid_argument{"bounded_queue: capacity must be > 0"};
  }

  /// Appends `item`; when full, first drops the oldest item and counts it as
  /// lagged. Returns false when an item was dropped. Throws what T's move
  /// constructor or the allocator throws.
  bool push(T item) {
    bool kept_all = true;
    if (items_.size() == capacity_) {
      items_.pop_front();
      ++lagged_;
      ++dropped_total_;
      kept_all = false;
    }
    items_.push_back(std::move(item));
    return kept_all;
  }

  /// Removes and returns the oldest item, or nullopt when empty.
  std::optional<T> pop() {
    if (items_.empty()) return std::nullopt;
    std::optional<T> out{std::move(items_.front())};
    items_.pop_front();
    return out;
  }

  /// Moves up to `max` oldest items, in order, to `out` (anything with
  /// push_back(T&&)). Returns how many were moved.
  template <class Out>
  std::size_t pop_into(Out& out, std::size_t max) {
    std::size_t n = 0;
    while (n < max && !items_.empty()) {
      out.push_back(std::move(items_.front()));
      items_.pop_front();
      ++n;
    }
    return n;
  }

  /// The oldest item, or nullptr when empty.
  const T* front() const noexcept { return items_.empty() ? nullptr : &items_.front(); }

  /// Items currently queued.
  std::size_t size() const noexcept { return items_.size(); }
  /// True when nothing is queued.
  bool empty() const noexcept { return items_.empty(); }
  /// Most items held at once.
  std::size_t capacity() const noexcept { return capacity_; }

  /// Items dropped since the last `drain_lagged()` (not reset by reading).
  std::uint64_t lagged() const noexcept { return lagged_; }
  /// Returns the items dropped since the last call, then resets the count to
  /// 0. Drops accumulate across overflows until drained.
  std::uint64_t drain_lagged() noexcept { return std::exchange(lagged_, 0); }
  /// Adds `n` to the lag count (losses that happened upstream of this queue,
  /// e.g. on a broadcast ring or a remote node).
  void add_lagged(std::uint64_t n) noexcept {
    lagged_ += n;
    dropped_total_ += n;
  }
  /// Items ever dropped, never reset (for metrics).
  std::uint64_t dropped_total() const noexcept { return dropped_total_; }

  /// Drops every queued item without counting them as lagged.
  void clear() noexcept { items_.clear(); }

 private:
  std::size_t capacity_;
  std::deque<T> items_;
  std::uint64_t lagged_ = 0;
  std::uint64_t dropped_total_ = 0;
};

}  // namespace astrid::core
