// The topic grammar as the bus applies it. One function decides routed
// delivery, broadcast delivery and ACL checks, so they can never disagree.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace astrid::bus {

/// True when subscription `pattern` matches the dotted `topic`: equal
/// segments; `*` in a non-final position matches exactly one segment; a
/// final `.*` matches one or more further segments at any depth; a topic
/// deeper than 20 segments matches nothing. Never throws.
bool topic_pattern_matches(std::string_view pattern, std::string_view topic) noexcept;

/// Why `topic` is not a topic to publish on, or nullopt when it is: "empty
/// topic", "empty segment", "deeper than 20 segments" (no pattern matches
/// it). Throws std::bad_alloc only.
std::optional<std::string> validate_topic(std::string_view topic);

/// Why `pattern` is not a subscription pattern, or nullopt when it is:
/// "empty pattern", "empty segment", "deeper than 20 segments" (it could
/// match nothing). Throws std::bad_alloc only.
std::optional<std::string> validate_pattern(std::string_view pattern);

}  // namespace astrid::bus
