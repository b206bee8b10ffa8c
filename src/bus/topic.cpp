// topic_pattern_matches: the facade's name for the one matching function.
#include <astrid/bus/topic.hpp>

#include "core/topic.hpp"

namespace astrid::bus {

bool topic_pattern_matches(std::string_view pattern, std::string_view topic) noexcept {
  return core::topic_pattern_matches(pattern, topic);
}

}  // namespace astrid::bus
