// Cuts a byte stream read in large pieces into the pieces a consumer asks
// for, one request at a time. A connection that reads a whole message per
// system call, header and body together, and then hands its reader the
// header and the body as two pieces, spends one read where reading exactly
// what was asked would spend two (and a third to learn the socket is empty).
// Pure bookkeeping: no sockets, no CAF. Not thread-safe.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <vector>

namespace astrid::core {

/// How the next piece is cut, as a reader asks: exactly `size` bytes, as
/// many as are there but at most `size` (at least one), or everything
/// there once it is at least `size` bytes.
enum class read_rule { exactly, at_most, at_least };

/// The bytes read but not yet handed on, and the reader's current request.
class read_framer {
 public:
  /// Sets the request the next piece is cut by. Throws
  /// std::invalid_argument for exactly or at_most 0 bytes, which would
  /// hand on empty pieces forever.
  void want(read_rule rule, std::size_t size) {
    if (size == 0 && rule != read_rule::at_least)
      throw std::invalid_argument{"read_framer: a piece of exactly or at most 0 bytes"};
    rule_ = rule;
    size_ = size;
  }

  /// Hands `deliver(const char* data, std::size_t n)` every piece that the
  /// bytes kept from earlier calls and `n` new bytes at `data` complete, in
  /// order, each cut by the request in force when it is cut (`deliver` may
  /// change it with want()). `deliver` returns false to stop: the bytes after
  /// that piece are kept, and feed returns false. Keeps what no piece
  /// completes. Throws what `deliver` throws and std::bad_alloc.
  template <class Deliver>
  bool feed(const char* data, std::size_t n, Deliver&& deliver) {
    if (kept_.empty()) {
      const char* first = data;
      const bool go_on = cut(first, data + n, deliver);
      kept_.assign(first, data + n);
      return go_on;
    }
    kept_.insert(kept_.end(), data, data + n);
    const char* first = kept_.data();
    const bool go_on = cut(first, kept_.data() + kept_.size(), deliver);
    kept_.erase(kept_.begin(), kept_.begin() + (first - kept_.data()));
    return go_on;
  }

  /// Bytes read and not yet handed on. Never throws.
  std::size_t kept() const noexcept { return kept_.size(); }

 private:
  // The size of the next piece among `available` bytes, 0 while none is
  // complete.
  std::size_t next_piece(std::size_t available) const noexcept {
    switch (rule_) {
      case read_rule::exactly: return available >= size_ ? size_ : 0;
      case read_rule::at_most: return available < size_ ? available : size_;
      case read_rule::at_least: return available >= size_ && available > 0 ? available : 0;
    }
    return 0;
  }

  template <class Deliver>
  bool cut(const char*& first, const char* last, Deliver& deliver) {
    while (auto n = next_piece(static_cast<std::size_t>(last - first))) {
      const char* piece = first;
      first += n;
      if (!deliver(piece, n)) return false;
    }
    return true;
  }

  std::vector<char> kept_;
  read_rule rule_ = read_rule::at_most;
  std::size_t size_ = 1024;
};

}  // namespace astrid::core
