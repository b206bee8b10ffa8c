// astrid::timestamp: a UTC instant with nanosecond precision, written and
// read in the RFC 3339 forms chrono (the reference's time library) uses, so
// event times survive a round trip through any Astrid component exactly.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace astrid {

/// A UTC instant: whole seconds since 1970-01-01T00:00:00Z plus nanoseconds.
/// `nanos` is below 1,000,000,000 except for a leap second, which chrono
/// represents (and we keep) as second :59 with nanos in [1e9, 2e9).
struct timestamp {
  /// Seconds since the Unix epoch (negative before 1970).
  std::int64_t seconds = 0;
  /// Nanoseconds within the second, see above.
  std::uint32_t nanos = 0;

  /// The current time from std::chrono::system_clock. Never throws.
  static timestamp now() noexcept;

  /// Parses RFC 3339 as the wire format allows: `YYYY-MM-DD`, `T` or a
  /// space, `HH:MM:SS`, an optional fraction of any length (digits past the
  /// ninth are dropped), then `Z` or an offset `+HH:MM` / `-HH:MM` / `+HHMM`;
  /// the result is converted to UTC. Second 60 is accepted as a leap second.
  /// Refuses lower-case `t`/`z`, a missing zone, a date alone, impossible
  /// dates (Feb 30, Feb 29 outside leap years) and trailing text.
  /// Returns nullopt when refused. Never throws.
  static std::optional<timestamp> parse(std::string_view text) noexcept;

  /// Ordering by instant.
  friend constexpr bool operator==(const timestamp&, const timestamp&) noexcept = default;
  friend constexpr auto operator<=>(const timestamp&, const timestamp&) noexcept = default;

  /// RFC 3339 in UTC with `Z` and 0, 3, 6 or 9 fraction digits, the fewest
  /// that keep the value exact: "2024-01-01T00:00:00Z", "…00.120Z".
  /// Years outside 0000–9999 are written with a sign, as chrono does.
  friend std::string to_string(const timestamp& t);
};

}  // namespace astrid
