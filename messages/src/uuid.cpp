// Parsing, formatting and generation of astrid::uuid, following the forms
// Rust's uuid crate (1.x) accepts so JSON from any component decodes.
#include "astrid/messages/uuid.hpp"

#include "detail/format.hpp"

#include <array>

#include <random>

namespace astrid {
namespace {

constexpr std::string_view urn_prefix = "urn:uuid:";

// The value of each hex digit, -1 for every other byte: one load per digit.
constexpr std::array<signed char, 256> hex_values = [] {
  std::array<signed char, 256> v{};
  for (auto& x : v) x = -1;
  for (int c = '0'; c <= '9'; ++c) v[static_cast<std::size_t>(c)] = static_cast<signed char>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) v[static_cast<std::size_t>(c)] = static_cast<signed char>(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) v[static_cast<std::size_t>(c)] = static_cast<signed char>(c - 'A' + 10);
  return v;
}();

int hex_value(char c) noexcept { return hex_values[static_cast<unsigned char>(c)]; }

// Where each byte's two hex digits start, without and with hyphens.
constexpr std::array<std::uint8_t, 16> simple_offsets = {0,  2,  4,  6,  8,  10, 12, 14,
                                                         16, 18, 20, 22, 24, 26, 28, 30};
constexpr std::array<std::uint8_t, 16> hyphenated_offsets = {0,  2,  4,  6,  9,  11, 14, 16,
                                                             19, 21, 24, 26, 28, 30, 32, 34};

// Reads 32 hex digits; in the hyphenated form a '-' must sit at offsets
// 8, 13, 18 and 23. Returns false on any other character.
bool read_hex(std::string_view text, bool hyphenated, uuid& out) noexcept {
  if (hyphenated && (text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-'))
    return false;
  const auto& offsets = hyphenated ? hyphenated_offsets : simple_offsets;
  int bad = 0;  // any digit's value has its sign bit set
  for (std::size_t i = 0; i < 16; ++i) {
    const int hi = hex_value(text[offsets[i]]);
    const int lo = hex_value(text[offsets[i] + 1u]);
    bad |= hi | lo;
    out.bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return bad >= 0;
}

}  // namespace

std::optional<uuid> uuid::parse(std::string_view text) noexcept {
  bool hyphenated = true;
  if (text.size() == 32) {
    hyphenated = false;
  } else if (text.size() == 38 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, 36);
  } else if (text.size() == 45 && text.starts_with(urn_prefix)) {
    text.remove_prefix(urn_prefix.size());
  } else if (text.size() != 36) {
    return std::nullopt;
  }
  uuid out;
  if (!read_hex(text, hyphenated, out)) return std::nullopt;
  return out;
}

uuid uuid::random() {
  thread_local std::mt19937_64 engine{[] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64{seq};
  }()};
  uuid out;
  for (std::size_t i = 0; i < 16; i += 8) {
    std::uint64_t word = engine();
    for (std::size_t b = 0; b < 8; ++b) {
      out.bytes[i + b] = static_cast<std::uint8_t>(word >> (8 * b));
    }
  }
  out.bytes[6] = static_cast<std::uint8_t>((out.bytes[6] & 0x0f) | 0x40);  // version 4
  out.bytes[8] = static_cast<std::uint8_t>((out.bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return out;
}

std::string to_string(const uuid& id) {
  char buf[36];
  return std::string{detail::format_uuid(id, buf)};
}

namespace detail {

std::string_view format_uuid(const uuid& id, char (&out)[36]) noexcept {
  static constexpr char digits[] = "0123456789abcdef";
  char* p = out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
    *p++ = digits[id.bytes[i] >> 4];
    *p++ = digits[id.bytes[i] & 0x0f];
  }
  return {out, 36};
}

}  // namespace detail

}  // namespace astrid
