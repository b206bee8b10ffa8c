// The shared ring with wake-ups behind every all-events receiver: the bus
// actor appends each event once, every receiver reads it through its own
// cursor (tokio's broadcast design). One CAF message per event per receiver
// would cap fan-out far below the target; here a receiver takes a whole batch
// under one lock, and sleeping receivers are woken once per burst, not per event.
#pragma once

#include "core/broadcast_ring.hpp"
#include "shared/census.hpp"

#include <astrid/bus/event_ptr.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

namespace astrid::bus::detail {

/// A broadcast ring of the last `capacity` events, guarded by one mutex,
/// with a condition variable that readers wait on. One writer (the bus
/// actor); any number of readers, each with its own cursor.
class broadcast_hub {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  /// A hub retaining `capacity` events whose readers count in `census` as
  /// receivers (the census must outlive the hub). Throws
  /// std::invalid_argument for a capacity of 0.
  broadcast_hub(std::size_t capacity, subscriber_census& census);

  // -- writer (the bus actor) ------------------------------------------------

  /// Appends `ev` for every attached reader; returns how many there are
  /// (with none, the event is not stored). Does not wake readers: the writer
  /// calls `wake()` once its burst ends. Throws std::bad_alloc only.
  std::size_t push(event_ptr ev);
  /// True when a push found a reader waiting and no wake followed yet.
  bool wake_owed() const noexcept { return wake_owed_.load(std::memory_order_relaxed); }
  /// Wakes the waiting readers if a wake is owed, unless a reader still
  /// polls: that one passes the wake on once it has read (see read), so the
  /// writer does not pay for waking a herd. Never throws.
  void wake() noexcept;
  /// Marks the bus gone and wakes every reader. Never throws.
  void close() noexcept;

  // -- readers ---------------------------------------------------------------

  /// A cursor that reads the events pushed from now on; counts a receiver
  /// in the census. Never throws.
  core::ring_cursor attach() noexcept;
  /// Uncounts a receiver (its cursor is simply forgotten). Never throws.
  void detach() noexcept;
  /// Moves the events after `c` (at most `max`) to `out`, waiting until
  /// `deadline` (when given) for the first one; skips and counts in
  /// `c.lagged` what was overwritten. Returns the number read. With `spin`,
  /// a reader about to wait first polls for up to `*spin` rounds, yielding
  /// the processor between them, and adapts the budget: it doubles (to
  /// max_spin) when polling found events, halves when the reader had to
  /// park. It polls only while readers outnumber the processors: many
  /// readers following one stream then rarely sleep, while a few readers do
  /// better parked and woken once per burst. Never throws beyond std::bad_alloc.
  std::size_t read(core::ring_cursor& c, std::vector<event_ptr>& out, std::size_t max,
                   const time_point* deadline, std::uint32_t* spin = nullptr);

  /// Most polling rounds a reader spends before it parks.
  static constexpr std::uint32_t max_spin = 64;
  /// Adds to `c.lagged` the events overwritten before `c` read them.
  void catch_up(core::ring_cursor& c);
  /// True once the bus is gone. Never throws.
  bool closed() const noexcept { return closed_.load(std::memory_order_acquire); }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  core::broadcast_ring<event_ptr> ring_;
  std::size_t waiters_ = 0;        // readers blocked in read(); guarded by mutex_
  std::atomic<bool> wake_owed_{false};  // written under mutex_ (writer and readers)
  std::atomic<std::size_t> pollers_{0};  // readers polling; decremented under mutex_
  subscriber_census& census_;      // counts the readers (attach/detach under mutex_)
  const std::size_t processors_;   // hardware threads: more readers than this poll
  std::atomic<bool> closed_{false};
  std::atomic<std::uint64_t> tail_{0};  // ring_.tail(), readable without the lock

  // Polls tail_ up to `rounds` times; true once there is more to read.
  bool spin_for_more(const core::ring_cursor& c, std::uint32_t rounds) const noexcept;
};

}  // namespace astrid::bus::detail
