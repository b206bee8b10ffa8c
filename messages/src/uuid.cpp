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

// Reads 32 hex digits; in the hyphenated form a '-' must sit at offsets
// 8, 13, 18 and 23. Returns false on any other character.
bool read_hex(std::string_view text, bool hyphenated, uuid& out) noexcept {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    if (hyphenated && (pos == 8 || pos == 13 || pos == 18 || pos == 23)) {
      if (text[pos] != '-') return false;
      ++pos;
    }
    int hi = hex_value(text[pos]);
    int lo = hex_value(text[pos + 1]);
    if (hi < 0 || lo < 0) return false;
    out.bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    pos += 2;
  }
  return true;
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
