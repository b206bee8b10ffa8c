// Events posted to a bus from callers' threads, waiting for the bus actor to
// take them all at once. A post that finds the queue empty tells the bus
// actor (one message); every later post until the bus drains it costs a
// lock and an append, no message and no mailbox allocation. Order holds: a
// caller's posts are taken in the order made, and before anything the same
// caller sends the bus afterwards, since the bus actor drains the queue
// before it handles any caller's message (the drain message of a post may
// still be behind it: another thread can append after the first push and
// before that push's message is sent).
#pragma once

#include <astrid/messages/event.hpp>

#include <memory>
#include <mutex>
#include <vector>

namespace astrid::bus::detail {

/// A multi-producer queue of posted events, drained by one consumer.
class post_queue {
 public:
  using item = std::shared_ptr<astrid::event>;

  /// Appends `ev`; true when the queue was empty, so the caller must tell
  /// the consumer to drain it. Throws std::bad_alloc only.
  bool push(item ev) {
    std::lock_guard<std::mutex> guard{mutex_};
    items_.push_back(std::move(ev));
    return items_.size() == 1;
  }

  /// Swaps everything queued, in order, into the empty `out` (whose
  /// storage the queue reuses). Never throws.
  void take(std::vector<item>& out) noexcept {
    std::lock_guard<std::mutex> guard{mutex_};
    items_.swap(out);
  }

 private:
  std::mutex mutex_;
  std::vector<item> items_;
};

}  // namespace astrid::bus::detail
