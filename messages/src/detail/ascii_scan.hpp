// Internal: the hot loop of JSON string reading and writing. Most string
// bytes need no escaping; this finds the length of such a run eight bytes at
// a time (SWAR), which roughly halves the cost of 1 KiB message texts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace astrid::detail {

/// True for a byte that a JSON string may hold as is and that is ASCII:
/// not a control character, not `"` or `\`, below 0x80.
constexpr bool is_plain_ascii(unsigned char c) noexcept {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/// Length of the longest prefix of [p, p + n) made of plain ASCII bytes.
inline std::size_t plain_ascii_prefix(const char* p, std::size_t n) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  // Nonzero iff some byte of x is zero (exact as a boolean).
  const auto has_zero = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, p + i, 8);
    const std::uint64_t below_space = (x - ones * 0x20) & ~x & highs;
    if ((below_space | has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\')) | (x & highs)) !=
        0) {
      break;
    }
  }
  while (i < n && is_plain_ascii(static_cast<unsigned char>(p[i]))) ++i;
  return i;
}

}  // namespace astrid::detail
