// Topic grammar: see topic.hpp. Kept allocation-free on the matching path,
// since it runs once per (event, topic subscription) on the broadcast path.
#include "core/topic.hpp"

#include <algorithm>

namespace astrid::core {

namespace {

// Walks the '.'-separated segments of a string; "" has one empty segment.
class segment_cursor {
 public:
  explicit segment_cursor(std::string_view s) noexcept : s_{s} {}
  bool done() const noexcept { return done_; }
  std::string_view next() noexcept {
    auto dot = s_.find('.', pos_);
    if (dot == std::string_view::npos) {
      done_ = true;
      return s_.substr(pos_);
    }
    auto seg = s_.substr(pos_, dot - pos_);
    pos_ = dot + 1;
    return seg;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

enum class problem { none, empty, empty_segment, too_deep };

problem check(std::string_view s) noexcept {
  if (s.empty()) return problem::empty;
  if (topic_depth(s) > max_topic_depth) return problem::too_deep;
  segment_cursor c{s};
  while (!c.done())
    if (c.next().empty()) return problem::empty_segment;
  return problem::none;
}

}  // namespace

std::size_t topic_depth(std::string_view topic) noexcept {
  return static_cast<std::size_t>(std::count(topic.begin(), topic.end(), '.')) + 1;
}

bool is_trailing_wildcard(std::string_view pattern) noexcept {
  return pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == ".*";
}

bool topic_pattern_matches(std::string_view pattern, std::string_view topic) noexcept {
  if (topic_depth(topic) > max_topic_depth) return false;
  const bool trailing = is_trailing_wildcard(pattern);
  if (trailing) pattern.remove_suffix(2);
  segment_cursor p{pattern};
  segment_cursor t{topic};
  while (!p.done()) {
    if (t.done()) return false;  // topic shorter than the pattern
    auto ps = p.next();
    auto ts = t.next();
    if (ps != "*" && ps != ts) return false;
  }
  // Pattern consumed: a trailing wildcard needs one or more segments left,
  // an exact pattern needs none.
  return trailing ? !t.done() : t.done();
}

topic_segments split_topic_bounded(std::string_view topic) noexcept {
  topic_segments out;
  segment_cursor c{topic};
  while (!c.done()) {
    if (out.count == max_topic_depth) {
      out.too_deep = true;
      return out;
    }
    out.segment[out.count++] = c.next();
  }
  return out;
}

std::vector<std::string_view> split_topic(std::string_view s) {
  std::vector<std::string_view> out;
  out.reserve(topic_depth(s));
  segment_cursor c{s};
  while (!c.done()) out.push_back(c.next());
  return out;
}

std::optional<std::string> validate_topic(std::string_view topic) {
  switch (check(topic)) {
    case problem::none: return std::nullopt;
    case problem::empty: return std::string{"empty topic"};
    case problem::empty_segment: return std::string{"empty segment"};
    case problem::too_deep: return std::string{"deeper than 20 segments"};
  }
  return std::nullopt;
}

std::optional<std::string> validate_pattern(std::string_view pattern) {
  switch (check(pattern)) {
    case problem::none: return std::nullopt;
    case problem::empty: return std::string{"empty pattern"};
    case problem::empty_segment: return std::string{"empty segment"};
    case problem::too_deep: return std::string{"deeper than 20 segments"};
  }
  return std::nullopt;
}

bool is_valid_topic(std::string_view topic) noexcept { return check(topic) == problem::none; }

bool is_valid_pattern(std::string_view pattern) noexcept {
  return check(pattern) == problem::none;
}

}  // namespace astrid::core
