// The topic grammar of the bus: dotted topics, `*` wildcards, depth cap 20.
// `topic_pattern_matches` is the single source of truth: broadcast delivery,
// routed delivery, ACL checks and the trie index must all agree with it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace astrid::core {

/// Deepest topic (in segments) that can match anything. The reference caps
/// depth so a hostile guest cannot make matching cost grow with topic length.
constexpr std::size_t max_topic_depth = 20;

/// True when `pattern` matches `topic`. Never throws, never allocates.
///
/// Both are split on '.'; every segment, including an empty one (`a..b`,
/// a leading or trailing dot, the empty string), is a literal segment.
/// - A pattern ending in `.*` (two or more segments) is a trailing wildcard:
///   the segments before it must match, and the topic must have one or more
///   further segments, at any depth (`a.*` matches `a.b` and `a.b.c`, not `a`).
/// - Any other `*` segment matches exactly one segment; `*` alone therefore
///   matches every one-segment topic (including ""), not `a.b`.
/// - Any other segment must be equal (so `a.b*` and `**` are literals).
/// - A topic deeper than `max_topic_depth` never matches; nor, as a
///   consequence, does a pattern that could only match such topics.
bool topic_pattern_matches(std::string_view pattern, std::string_view topic) noexcept;

/// Number of '.'-separated segments (1 for ""). Never throws.
std::size_t topic_depth(std::string_view topic) noexcept;

/// True when `pattern` ends in a trailing multi-segment wildcard (`x.*`).
bool is_trailing_wildcard(std::string_view pattern) noexcept;

/// A topic split into segments without allocating. `count` segments are
/// valid; when the topic is deeper than `max_topic_depth`, `too_deep` is set
/// and the segments are unspecified.
struct topic_segments {
  std::array<std::string_view, max_topic_depth> segment{};  ///< views into the input
  std::size_t count = 0;                                     ///< valid segments
  bool too_deep = false;  ///< deeper than max_topic_depth: matches nothing
};

/// Splits `topic` on '.' into `topic_segments` (views into `topic`). Never throws.
topic_segments split_topic_bounded(std::string_view topic) noexcept;

/// Splits `s` on '.' into views into `s`, any depth ("" gives one empty
/// segment). Throws std::bad_alloc only.
std::vector<std::string_view> split_topic(std::string_view s);

/// Why `topic` is not a well-formed topic for publishing, or nullopt when
/// it is: "empty topic", "empty segment", "deeper than 20 segments".
/// Advisory: the matcher accepts anything (empty segments are literal).
/// Throws std::bad_alloc only.
std::optional<std::string> validate_topic(std::string_view topic);

/// Why `pattern` is not a well-formed subscription pattern, or nullopt when
/// it is: "empty pattern", "empty segment", "deeper than 20 segments" (a
/// pattern that can never match). `*` inside a segment (`a.b*`) is legal
/// but literal. Throws std::bad_alloc only.
std::optional<std::string> validate_pattern(std::string_view pattern);

/// True when `validate_topic(topic)` finds nothing wrong.
bool is_valid_topic(std::string_view topic) noexcept;

/// True when `validate_pattern(pattern)` finds nothing wrong.
bool is_valid_pattern(std::string_view pattern) noexcept;

}  // namespace astrid::core
