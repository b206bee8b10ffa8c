// topic_pattern_matches and the validators: the facade's names for the
// topic grammar of core/topic.hpp.
#include <astrid/bus/topic.hpp>

#include "core/topic.hpp"

namespace astrid::bus {

bool topic_pattern_matches(std::string_view pattern, std::string_view topic) noexcept {
  return core::topic_pattern_matches(pattern, topic);
}

std::optional<std::string> validate_topic(std::string_view topic) {
  return core::validate_topic(topic);
}

std::optional<std::string> validate_pattern(std::string_view pattern) {
  return core::validate_pattern(pattern);
}

}  // namespace astrid::bus
