// The queue behind a topic receiver and behind a receiver of another node's
// bus: one writer (the topic router, or the actor a remote node sends
// batches to) appends, one reader thread takes batches, waiting when empty.
// Bounded and drop-oldest (core::bounded_queue), so a receiver nobody reads
// costs at most `capacity` events; losses upstream (on the owning node) add
// to the same exact count.
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

/// A core::bounded_queue of events behind a mutex, with a condition
/// variable for the reader and a deferred wake-up for the writer.
class waitable_queue {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  /// A queue of at most `capacity` events. Throws std::invalid_argument for 0.
  explicit waitable_queue(std::size_t capacity);

  // -- writer --------------------------------------------------------------------

  /// Appends `ev`, dropping (and counting) the oldest when full. Returns
  /// true when the reader waits and no wake is owed yet: the writer then
  /// calls `wake()`, at once or when its burst ends. Throws std::bad_alloc only.
  bool push(event_ptr ev);
  /// Appends `get(x)` for every x in [first, last) after counting
  /// `upstream_lagged` losses that happened before them, then wakes the
  /// reader. Throws std::bad_alloc only.
  template <class It, class Get>
  void push_all(It first, It last, std::uint64_t upstream_lagged, Get&& get) {
    {
      std::lock_guard<std::mutex> guard{mutex_};
      auto& q = storage();
      q.add_lagged(upstream_lagged);
      for (; first != last; ++first) q.push(get(*first));
      wake_owed_ = false;
    }
    cv_.notify_all();
  }
  /// Wakes the reader. Never throws.
  void wake() noexcept;
  /// Marks the stream ended (the bus or its node is gone) and wakes the
  /// reader. Never throws.
  void close() noexcept;

  // -- reader --------------------------------------------------------------------

  /// Moves up to `max` events to `out`, waiting until `deadline` (when
  /// given) for the first. Returns the losses not yet drained. Throws
  /// std::bad_alloc only.
  std::uint64_t read(std::vector<event_ptr>& out, std::size_t max, const time_point* deadline);
  /// Losses since the last call, then 0. Never throws.
  std::uint64_t drain_lagged() noexcept;
  /// True once the stream ended. Never throws.
  bool closed() const noexcept;
  /// True while the reader sleeps in `read` (lets a test push only once
  /// the reader waits, without timing). Never throws.
  bool reader_waiting() const noexcept;

 private:
  core::bounded_queue<event_ptr>& storage();
  bool empty() const noexcept { return !queue_ || queue_->empty(); }

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  // Made on the first push: a receiver whose topic never comes costs no
  // queue storage (a std::deque allocates its first block when constructed).
  std::optional<core::bounded_queue<event_ptr>> queue_;
  std::size_t capacity_;
  bool waiting_ = false;    // the reader sleeps in read()
  bool closed_ = false;
  bool wake_owed_ = false;  // a push saw the reader waiting, no wake() yet
};

}  // namespace astrid::bus::detail
