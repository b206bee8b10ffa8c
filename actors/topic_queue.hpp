// The queue behind one topic receiver: the topic router appends the few IPC
// events that match its pattern, the receiver takes them in batches. Bounded
// and drop-oldest, so a receiver nobody reads costs at most `capacity` events.
#pragma once

#include "core/bounded_queue.hpp"

#include <astrid/bus/event_ptr.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

namespace astrid::bus::detail {

/// A core::bounded_queue shared by one writer (the topic router) and one
/// reader (a topic receiver), with the same deferred wake-up as the hub.
class topic_queue {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  /// A queue of at most `capacity` events. Throws std::invalid_argument for 0.
  explicit topic_queue(std::size_t capacity);

  // -- writer (the topic router) -----------------------------------------------

  /// Appends `ev`, dropping (and counting) the oldest when full. Returns
  /// true when the reader is waiting and no `wake()` is owed yet: the writer
  /// must then call `wake()` once its burst ends.
  bool push(event_ptr ev);
  /// Wakes the reader. Never throws.
  void wake() noexcept {
    wake_owed_ = false;
    cv_.notify_all();
  }
  /// Marks the bus gone and wakes the reader. Never throws.
  void close() noexcept;

  // -- reader --------------------------------------------------------------------

  /// Moves up to `max` events to `out`, waiting until `deadline` (when
  /// given) for the first. Sets `lagged` to the losses not yet drained.
  std::size_t read(std::vector<event_ptr>& out, std::size_t max, const time_point* deadline,
                   std::uint64_t& lagged);
  /// Losses since the last call, then 0. Never throws.
  std::uint64_t drain_lagged() noexcept;
  /// True once the bus is gone. Never throws.
  bool closed() const noexcept;

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  // Made on the first push: a receiver whose topic never comes costs no
  // queue storage (a std::deque allocates its first block when constructed).
  std::optional<core::bounded_queue<event_ptr>> queue_;
  std::size_t capacity_;
  bool waiting_ = false;
  bool closed_ = false;
  bool wake_owed_ = false;  // writer only (set under mutex_)
};

}  // namespace astrid::bus::detail
