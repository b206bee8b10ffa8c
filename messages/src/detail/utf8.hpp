// Internal: UTF-8 validation shared by the JSON text parser (which refuses
// invalid input) and the text sink (which repairs invalid strings).
#pragma once

#include <cstddef>
#include <string_view>

namespace astrid::detail {

/// Length (2–4) of the valid multi-byte UTF-8 sequence starting at s[i], or
/// 0 if it is invalid: a stray continuation byte, a truncated sequence, an
/// overlong form, a surrogate, or a code point above U+10FFFF. s[i] >= 0x80.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const auto cont = [&](std::size_t k) { return (at(k) & 0xC0) == 0x80; };
  const unsigned char c = at(0);
  const std::size_t left = s.size() - i;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && at(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && at(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && at(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && at(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace astrid::detail
