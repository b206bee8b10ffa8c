// The topic grammar as the bus applies it. One function decides routed
// delivery, broadcast delivery and ACL checks, so they can never disagree.
#pragma once

#include <string_view>

namespace astrid::bus {

/// True when subscription `pattern` matches the dotted `topic`: equal
/// segments; `*` in a non-final position matches exactly one segment; a
/// final `.*` matches one or more further segments at any depth; a topic
/// deeper than 20 segments matches nothing. Never throws.
bool topic_pattern_matches(std::string_view pattern, std::string_view topic) noexcept;

}  // namespace astrid::bus
