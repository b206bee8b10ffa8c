// Internal: uuid and timestamp formatted into a caller's buffer, with no
// allocation, for the encoders (the public to_string functions build a
// std::string from the same).
#pragma once

#include "astrid/messages/timestamp.hpp"
#include "astrid/messages/uuid.hpp"

#include <cstddef>
#include <string_view>

namespace astrid::detail {

/// Longest text format_timestamp writes ("-YYYYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ" and more).
inline constexpr std::size_t max_timestamp_chars = 48;

/// Writes the 36 characters of `id` (lower-case, hyphenated) to `out`.
/// Returns them as a view of `out`. Never throws.
std::string_view format_uuid(const uuid& id, char (&out)[36]) noexcept;

/// Writes `t` in RFC 3339 as to_string(timestamp) does to `out`; returns
/// the characters written as a view of `out`. Never throws.
std::string_view format_timestamp(const timestamp& t, char (&out)[max_timestamp_chars]) noexcept;

}  // namespace astrid::detail
