// Fan-out without a copy per reader (tokio's broadcast channel): one writer
// appends to a ring of the last `capacity` items, each reader keeps only a
// position. A reader that falls behind skips to the oldest retained item and
// learns exactly how many it missed; lag is never terminal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace astrid::core {

/// A reader's position in a `broadcast_ring`: the next position it will
/// read, plus the items it has missed and not yet been asked about.
struct ring_cursor {
  std::uint64_t next = 0;    ///< position of the next item to read
  std::uint64_t lagged = 0;  ///< items overwritten before this reader saw them
  /// Returns the lag accumulated since the last call, then resets it to 0.
  std::uint64_t drain_lagged() noexcept { return std::exchange(lagged, 0); }
};

/// A single-writer ring retaining the last `capacity()` items. Positions
/// count pushes from 0 and never wrap (64 bits). Readers copy items out
/// (for `std::shared_ptr<const event>` a copy is a reference count bump).
/// Not thread-safe by itself: the owner guards writer and readers with one
/// mutex (or confines them to one actor).
template <class T>
class broadcast_ring {
 public:
  /// A ring retaining `capacity` items; storage grows on demand up to it.
  /// Throws std::invalid_argument when `capacity` is 0.
  explicit broadcast_ring(std::size_t capacity) : capacity_{capacity} {
    if (capacity == 0) throw std::invalid_argument{"broadcast_ring: capacity must be > 0"};
  }

  /// Appends `item`, overwriting the oldest when full. Returns its position.
  /// Throws what T's move assignment or the allocator throws.
  std::uint64_t push(T item) {
    const auto pos = tail_;
    if (slots_.size() < capacity_) {
      slots_.push_back(std::move(item));
    } else {
      slots_[static_cast<std::size_t>(pos % capacity_)] = std::move(item);
    }
    ++tail_;
    return pos;
  }

  /// Position the next push will get (= number of pushes so far).
  std::uint64_t tail() const noexcept { return tail_; }
  /// Position of the oldest retained item (== tail() when empty).
  std::uint64_t head() const noexcept { return tail_ - slots_.size(); }
  /// Items retained.
  std::size_t size() const noexcept { return slots_.size(); }
  /// Most items retained.
  std::size_t capacity() const noexcept { return capacity_; }

  /// A cursor that will read only items pushed from now on.
  ring_cursor subscribe() const noexcept { return ring_cursor{tail_, 0}; }

  /// Items `c` has not read yet, counting ones already overwritten.
  std::uint64_t pending(const ring_cursor& c) const noexcept {
    return c.next < tail_ ? tail_ - c.next : 0;
  }

  /// Copies up to `max` items after `c`, in order, into `out` (anything
  /// with push_back(const T&)) and advances `c`. When `c` fell behind
  /// the retained window, it first skips to the oldest retained item and
  /// adds the number skipped to `c.lagged`. Returns the items copied.
  template <class Out>
  std::size_t read(ring_cursor& c, Out& out, std::size_t max) const {
    return read_if(c, out, max, [](const T&) { return true; });
  }

  /// Like `read`, but only items for which `keep(item)` is true are copied
  /// (and count toward `max`); the others are consumed silently. Lag counts
  /// every skipped position, kept or not: an overwritten item can no longer
  /// be tested.
  template <class Out, class Pred>
  std::size_t read_if(ring_cursor& c, Out& out, std::size_t max, Pred&& keep) const {
    catch_up(c);
    std::size_t n = 0;
    while (n < max && c.next < tail_) {
      const T& item = slots_[static_cast<std::size_t>(c.next % capacity_)];
      ++c.next;
      if (keep(item)) {
        out.push_back(item);
        ++n;
      }
    }
    return n;
  }

 private:
  void catch_up(ring_cursor& c) const noexcept {
    const auto oldest = head();
    if (c.next < oldest) {
      c.lagged += oldest - c.next;
      c.next = oldest;
    }
  }

  std::size_t capacity_;
  std::vector<T> slots_;
  std::uint64_t tail_ = 0;
};

}  // namespace astrid::core
