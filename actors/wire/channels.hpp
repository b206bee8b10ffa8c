// Where the wire walk (io.hpp) reads and writes: the primitives of
// CAF 0.17's binary format, behind one interface whose steps answer true or
// false. Three channels:
// - caf_channel: any CAF data processor, through its virtual functions;
//   keeps the first CAF error.
// - byte_writer / byte_reader: CAF's binary format written and read in
//   memory directly, for event bodies: no virtual call and no error object
//   per field. Their bytes are binary_serializer's, which the wire tests
//   check field for field against caf_channel.
// The format: 8-bit values and bools as one byte (a bool reads true for any
// nonzero byte), wider integers big-endian, floating point as its IEEE 754
// bits (CAF's own packing of doubles breaks on subnormals and never ends on
// an infinity), sizes as a base-128 varint of at most 32 bits, strings as
// size and bytes.
#pragma once

#include <caf/binary_deserializer.hpp>
#include <caf/error.hpp>
#include <caf/sec.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace astrid::bus::wire {

/// The unsigned integer holding the bits of floating point type T.
template <class T>
using float_bits = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;

/// A CAF data processor `P` (serializer or deserializer).
template <class P>
class caf_channel {
 public:
  static constexpr bool saving = P::reads_state;

  explicit caf_channel(P& f) : f_{f} {}

  /// The first error, or none.
  caf::error& error() noexcept { return err_; }

  bool check(caf::error&& err) {
    if (!err) return true;
    err_ = std::move(err);
    return false;
  }
  bool fail(caf::sec code) { return check(caf::make_error(code)); }

  /// A number, bool or string, through the processor's own apply.
  template <class T>
  bool primitive(T& x) {
    if constexpr (std::is_floating_point_v<T>) {
      static_assert(sizeof(T) == 8 || sizeof(T) == 4, "wire: unsupported floating point type");
      auto bits = std::bit_cast<float_bits<T>>(x);
      if (!check(f_.apply(bits))) return false;
      if constexpr (!saving) x = std::bit_cast<T>(bits);
      return true;
    } else {
      return check(f_.apply(x));
    }
  }
  bool raw(std::size_t n, void* data) { return check(f_.apply_raw(n, data)); }
  bool begin_sequence(std::size_t& n) { return check(f_.begin_sequence(n)); }
  bool end_sequence() { return check(f_.end_sequence()); }

  /// Loading: false (end of stream) when a binary deserializer holds fewer
  /// than `n` bytes, so a size read from the network that the rest of the
  /// message cannot back (every element takes a byte) is never allocated.
  bool may_hold(std::size_t n) {
    if constexpr (!saving) {
      auto* bytes = dynamic_cast<caf::binary_deserializer*>(&f_);
      if (bytes != nullptr && n > bytes->remaining()) return fail(caf::sec::end_of_stream);
    }
    return true;
  }

 private:
  P& f_;
  caf::error err_{};
};

/// Appends CAF's binary format to a byte vector.
class byte_writer {
 public:
  static constexpr bool saving = true;

  explicit byte_writer(std::vector<char>& out) : out_{out} {}

  caf::error error() const { return code_ ? caf::make_error(*code_) : caf::error{}; }
  bool fail(caf::sec code) {
    code_ = code;
    return false;
  }

  template <class T>
  bool primitive(const T& x) {
    if constexpr (std::is_same_v<T, std::string>) {
      std::size_t n = x.size();
      return begin_sequence(n) && raw(n, x.data());
    } else if constexpr (std::is_same_v<T, bool>) {
      out_.push_back(x ? 1 : 0);
      return true;
    } else if constexpr (std::is_floating_point_v<T>) {
      return primitive(std::bit_cast<float_bits<T>>(x));
    } else {
      static_assert(std::is_integral_v<T>, "wire: not a primitive");
      auto u = static_cast<std::make_unsigned_t<T>>(x);
      for (int shift = 8 * (static_cast<int>(sizeof(T)) - 1); shift >= 0; shift -= 8)
        out_.push_back(static_cast<char>((u >> shift) & 0xff));
      return true;
    }
  }
  bool raw(std::size_t n, const void* data) {
    const auto* p = static_cast<const char*>(data);
    out_.insert(out_.end(), p, p + n);
    return true;
  }
  bool begin_sequence(std::size_t& n) {
    if (n > std::numeric_limits<std::uint32_t>::max()) return fail(caf::sec::invalid_argument);
    auto x = static_cast<std::uint32_t>(n);
    while (x > 0x7f) {
      out_.push_back(static_cast<char>((x & 0x7f) | 0x80));
      x >>= 7;
    }
    out_.push_back(static_cast<char>(x));
    return true;
  }
  bool end_sequence() { return true; }
  bool may_hold(std::size_t) { return true; }

 private:
  std::vector<char>& out_;
  std::optional<caf::sec> code_;
};

/// Reads CAF's binary format from memory; never reads past its end.
class byte_reader {
 public:
  static constexpr bool saving = false;

  byte_reader(const void* data, std::size_t size)
      : start_{static_cast<const std::uint8_t*>(data)}, pos_{start_}, end_{start_ + size} {}

  caf::error error() const { return code_ ? caf::make_error(*code_) : caf::error{}; }
  bool fail(caf::sec code) {
    code_ = code;
    return false;
  }
  /// Bytes read so far.
  std::size_t consumed() const noexcept { return static_cast<std::size_t>(pos_ - start_); }

  template <class T>
  bool primitive(T& x) {
    if constexpr (std::is_same_v<T, std::string>) {
      std::size_t n = 0;
      if (!begin_sequence(n) || !may_hold(n)) return false;
      x.assign(reinterpret_cast<const char*>(pos_), n);
      pos_ += n;
      return true;
    } else if constexpr (std::is_same_v<T, bool>) {
      std::uint8_t b = 0;
      if (!primitive(b)) return false;
      x = b != 0;
      return true;
    } else if constexpr (std::is_floating_point_v<T>) {
      float_bits<T> bits = 0;
      if (!primitive(bits)) return false;
      x = std::bit_cast<T>(bits);
      return true;
    } else {
      static_assert(std::is_integral_v<T>, "wire: not a primitive");
      if (!may_hold(sizeof(T))) return false;
      std::make_unsigned_t<T> u = 0;
      for (std::size_t i = 0; i < sizeof(T); ++i)
        u = static_cast<std::make_unsigned_t<T>>((u << 8) | pos_[i]);
      pos_ += sizeof(T);
      x = static_cast<T>(u);
      return true;
    }
  }
  bool raw(std::size_t n, void* data) {
    if (!may_hold(n)) return false;
    if (n > 0) std::memcpy(data, pos_, n);
    pos_ += n;
    return true;
  }
  bool begin_sequence(std::size_t& n) {
    std::uint64_t x = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos_ == end_) return fail(caf::sec::end_of_stream);
      const std::uint8_t b = *pos_++;
      x |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (x > std::numeric_limits<std::uint32_t>::max()) break;
        n = static_cast<std::size_t>(x);
        return true;
      }
    }
    return fail(caf::sec::invalid_argument);  // more than 32 bits
  }
  bool end_sequence() { return true; }
  bool may_hold(std::size_t n) {
    return n <= static_cast<std::size_t>(end_ - pos_) || fail(caf::sec::end_of_stream);
  }

 private:
  const std::uint8_t* start_;
  const std::uint8_t* pos_;
  const std::uint8_t* end_;
  std::optional<caf::sec> code_;
};

}  // namespace astrid::bus::wire
