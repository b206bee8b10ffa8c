// Internal: the hot loop of JSON string reading and writing. Most string
// bytes need no escaping; this finds the length of such a run sixteen bytes
// at a time with SSE2 where the target has it (every x86-64), else eight at
// a time (SWAR), then byte by byte for the tail.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    // Signed compare: bytes from 0x80 up are negative, so "below space"
    // also flags every non-ASCII byte.
    const __m128i bad = _mm_or_si128(_mm_cmplt_epi8(x, space),
                                     _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)));
    if (const int mask = _mm_movemask_epi8(bad); mask != 0) {
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
  }
#endif
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
