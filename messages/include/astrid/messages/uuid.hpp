// astrid::uuid: the 128-bit identifiers every schema carries (event ids,
// request ids, capsule sources). Parsing accepts every textual form Rust's
// uuid crate accepts so that JSON written by any Astrid component decodes.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace astrid {

/// A 16-byte UUID. Value type; the default value is the nil UUID.
struct uuid {
  /// The 16 bytes in network (big-endian, textual) order.
  std::array<std::uint8_t, 16> bytes{};

  /// Parses the forms Rust's uuid crate accepts: hyphenated (any case),
  /// simple 32-hex, `{hyphenated}` and `urn:uuid:hyphenated`.
  /// Returns nullopt on anything else. Never throws.
  static std::optional<uuid> parse(std::string_view text) noexcept;

  /// A fresh random version-4 UUID (RFC 4122 variant bits set).
  /// Thread-safe; each thread seeds its own generator from std::random_device.
  static uuid random();

  /// The all-zero UUID.
  static constexpr uuid nil() noexcept { return uuid{}; }

  /// True for the all-zero UUID.
  constexpr bool is_nil() const noexcept { return *this == uuid{}; }

  /// Byte-wise equality and ordering (lexicographic on `bytes`).
  friend constexpr bool operator==(const uuid&, const uuid&) noexcept = default;
  friend constexpr auto operator<=>(const uuid&, const uuid&) noexcept = default;

  /// Lower-case hyphenated form, e.g. "6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6".
  friend std::string to_string(const uuid& id);
};

}  // namespace astrid

/// Hashes a UUID (FNV-1a over its bytes); usable as an unordered_map key.
template <>
struct std::hash<astrid::uuid> {
  std::size_t operator()(const astrid::uuid& id) const noexcept {
    std::uint64_t h = 14695981039346656037ull;
    for (auto b : id.bytes) {
      h = (h ^ b) * 1099511628211ull;
    }
    return static_cast<std::size_t>(h);
  }
};
