// The life of one synchronous subscriber, without the actors that run it.
// Events wait while one is in flight (stop-and-wait): when a handler throws,
// nothing is queued in the dying actor's mailbox, so no event is lost for it.
// A removal waits for the event in flight, so the object is never released
// mid-handler. A crash restarts the handler unless the slot is leaving.
// Events still waiting when the slot is released are dropped with it: the
// owner destroys the slot after it has forgotten the subscriber, so whoever
// waits for those events sees it gone once they return. The
// bus's supervisor holds one slot per sync subscriber; the host of a
// subscriber registered on another node's bus holds one for its object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <utility>

namespace astrid::core {

/// How the delivery in flight ended.
enum class sync_outcome {
  handled,       ///< the handler returned
  unsubscribed,  ///< it returned and asked to be removed (unsubscribe_self)
  crashed,       ///< it threw, which ended the actor running it
  lost,          ///< the actor running it is out of reach (its node is gone)
};

/// What the owner of a slot does next.
enum class sync_step {
  idle,                  ///< nothing: wait for the next event
  deliver,               ///< `take()` the next event and send it
  restart,               ///< run the same object in a fresh actor, then `take()`
  release_requested,     ///< release the object to whoever called `leave()`
  release_unsubscribed,  ///< the handler removed itself: release the object
  release_lost,          ///< the object is out of reach: drop the slot, no restart
};

/// One sync subscriber's queue and state. `Item` is what one delivery
/// carries (an event and whatever completes its publish). Not thread-safe.
template <class Item>
class sync_slot {
 public:
  /// Queues `x` for delivery; dropped at once when the slot is leaving. Throws
  /// what Item's move constructor or the allocator throws.
  void push(Item x) {
    if (!leaving_) queue_.push_back(std::move(x));
  }

  /// The next event to deliver, now marked in flight; nullopt while one is
  /// in flight, the queue is empty or the slot is leaving. Throws what
  /// Item's move constructor throws.
  std::optional<Item> take() {
    if (busy_ || leaving_ || queue_.empty()) return std::nullopt;
    std::optional<Item> next{std::move(queue_.front())};
    queue_.pop_front();
    busy_ = true;
    return next;
  }

  /// The delivery in flight ended with `outcome`; returns what to do next.
  /// A slot asked to leave releases to the asker whatever the outcome; a
  /// crash counts in `crashes()`. Never throws.
  sync_step finish(sync_outcome outcome) noexcept {
    busy_ = false;
    if (outcome == sync_outcome::crashed) ++crashes_;
    if (leaving_) return sync_step::release_requested;
    switch (outcome) {
      case sync_outcome::unsubscribed:
        leaving_ = true;
        return sync_step::release_unsubscribed;
      case sync_outcome::lost:
        leaving_ = true;
        return sync_step::release_lost;
      case sync_outcome::crashed:
        return sync_step::restart;
      case sync_outcome::handled:
        break;
    }
    return queue_.empty() ? sync_step::idle : sync_step::deliver;
  }

  /// Its actor went out of reach while no event was in flight (a remote
  /// subscriber's node is gone). Returns release_lost, or nothing to do yet
  /// (idle) when an event is in flight: its failure comes through `finish`.
  /// Never throws.
  sync_step lose() noexcept {
    if (busy_) return sync_step::idle;
    if (leaving_) return sync_step::release_requested;
    leaving_ = true;
    return sync_step::release_lost;
  }

  /// Asks the slot to go (a removal, or the bus shutting down): nothing
  /// more is delivered. Returns true when the object may be released now,
  /// false when `finish` will return release_requested after the event in
  /// flight. Never throws.
  bool leave() noexcept {
    leaving_ = true;
    return !busy_;
  }

  /// True while an event is in flight. Never throws.
  bool busy() const noexcept { return busy_; }
  /// True once `leave()` was called or a release was answered. Never throws.
  bool leaving() const noexcept { return leaving_; }
  /// Events waiting behind the one in flight (kept, undelivered, once the
  /// slot is leaving). Never throws.
  std::size_t waiting() const noexcept { return queue_.size(); }
  /// Deliveries that ended in a crash. Never throws.
  std::uint64_t crashes() const noexcept { return crashes_; }

 private:
  std::deque<Item> queue_;
  bool busy_ = false;
  bool leaving_ = false;
  std::uint64_t crashes_ = 0;
};

}  // namespace astrid::core
