#include "core/topic.hpp"
#include "topic_vectors.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using astrid::core::topic_pattern_matches;

namespace {

std::string deep_topic(std::size_t depth) {
  std::string t;
  for (std::size_t i = 0; i < depth; ++i) {
    if (i) t += '.';
    t += 's' + std::to_string(i);
  }
  return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(topic_grammar)

BOOST_AUTO_TEST_CASE(exact_pattern_needs_equal_segment_count_and_equal_segments) {
  BOOST_TEST(topic_pattern_matches("astrid.cli.input", "astrid.cli.input"));
  BOOST_TEST(!topic_pattern_matches("astrid.cli.input", "astrid.cli.output"));
  BOOST_TEST(!topic_pattern_matches("astrid.cli.input", "astrid.cli"));
  BOOST_TEST(!topic_pattern_matches("astrid.cli.input", "astrid.cli.input.x"));
  BOOST_TEST(!topic_pattern_matches("a", "a.b.c"));
}

BOOST_AUTO_TEST_CASE(mid_star_matches_exactly_one_segment) {
  BOOST_TEST(topic_pattern_matches("astrid.*.input", "astrid.telegram.input"));
  BOOST_TEST(!topic_pattern_matches("astrid.*.input", "astrid.cli.output"));
  BOOST_TEST(!topic_pattern_matches("a.*.c", "a.b.c.d"));
  BOOST_TEST(!topic_pattern_matches("a.*.c", "a.c"));
  BOOST_TEST(topic_pattern_matches("tool.v1.execute.*.result", "tool.v1.execute.read.result"));
  BOOST_TEST(!topic_pattern_matches("tool.v1.execute.*.result", "tool.v1.execute.a.b.result"));
}

BOOST_AUTO_TEST_CASE(final_star_matches_one_or_more_segments_at_any_depth) {
  BOOST_TEST(topic_pattern_matches("astrid.v1.request.*", "astrid.v1.request.list"));
  BOOST_TEST(topic_pattern_matches("astrid.v1.request.*", "astrid.v1.request.foo.bar"));
  BOOST_TEST(!topic_pattern_matches("astrid.v1.request.*", "astrid.v1.request"));
  BOOST_TEST(topic_pattern_matches("astrid.*", "astrid.cli.input"));
  BOOST_TEST(!topic_pattern_matches("astrid.*", "system.log"));
  BOOST_TEST(!topic_pattern_matches("a.*", "a"));
  BOOST_TEST(topic_pattern_matches("a.*", "a.b"));
}

BOOST_AUTO_TEST_CASE(enumerated_trailing_stars_match_depth_four_and_deeper_not_three) {
  BOOST_TEST(!topic_pattern_matches("a.b.*.*", "a.b.c"));
  BOOST_TEST(topic_pattern_matches("a.b.*.*", "a.b.c.d"));
  BOOST_TEST(topic_pattern_matches("a.b.*.*", "a.b.c.d.e"));
  BOOST_TEST(!topic_pattern_matches("a.b.*.*", "a.x.c.d"));
}

BOOST_AUTO_TEST_CASE(star_alone_matches_any_single_segment_topic_only) {
  BOOST_TEST(topic_pattern_matches("*", "a"));
  BOOST_TEST(topic_pattern_matches("*", ""));
  BOOST_TEST(!topic_pattern_matches("*", "a.b"));
  BOOST_TEST(topic_pattern_matches("*.*", "a.b.c"));
  BOOST_TEST(!topic_pattern_matches("*.*", "a"));
}

BOOST_AUTO_TEST_CASE(empty_segments_are_literal_segments) {
  BOOST_TEST(topic_pattern_matches("", ""));
  BOOST_TEST(!topic_pattern_matches("", "a"));
  BOOST_TEST(topic_pattern_matches("a..b", "a..b"));
  BOOST_TEST(!topic_pattern_matches("a..b", "a.b"));
  BOOST_TEST(topic_pattern_matches("a.*.b", "a..b"));
  BOOST_TEST(topic_pattern_matches("*.*", "a."));
  BOOST_TEST(!topic_pattern_matches("a.b.*", "a."));
  BOOST_TEST(topic_pattern_matches(".*", ".a"));
}

BOOST_AUTO_TEST_CASE(star_inside_a_segment_is_literal) {
  BOOST_TEST(topic_pattern_matches("a.b*", "a.b*"));
  BOOST_TEST(!topic_pattern_matches("a.b*", "a.bc"));
  BOOST_TEST(topic_pattern_matches("a.**", "a.**"));
  BOOST_TEST(!topic_pattern_matches("a.**", "a.b"));
}

BOOST_AUTO_TEST_CASE(topic_of_depth_20_matches_and_depth_21_never_matches) {
  const auto t20 = deep_topic(20);
  const auto t21 = deep_topic(21);
  BOOST_TEST(topic_pattern_matches("s0.*", t20));
  BOOST_TEST(topic_pattern_matches(t20, t20));
  BOOST_TEST(!topic_pattern_matches("s0.*", t21));
  BOOST_TEST(!topic_pattern_matches("*.*", t21));
  BOOST_TEST(!topic_pattern_matches(t21, t21));
  BOOST_TEST(astrid::core::topic_depth(t21) == 21u);
}

BOOST_AUTO_TEST_CASE(pattern_deeper_than_20_never_matches) {
  const auto p21 = deep_topic(20) + ".*";
  BOOST_TEST(!topic_pattern_matches(p21, deep_topic(21)));
  BOOST_TEST(!topic_pattern_matches(p21, deep_topic(20)));
  BOOST_TEST(astrid::core::validate_pattern(p21).value_or("") == "deeper than 20 segments");
}

BOOST_AUTO_TEST_CASE(every_reference_topic_match_vector_agrees) {
  const auto vectors = astrid::test::load_topic_vectors();
  BOOST_TEST(vectors.size() >= 100u);
  for (const auto& v : vectors) {
    BOOST_TEST_CONTEXT("pattern '" << v.pattern << "' topic '" << v.topic << "'") {
      BOOST_TEST(topic_pattern_matches(v.pattern, v.topic) == v.expect);
    }
  }
}

BOOST_AUTO_TEST_CASE(validation_names_the_problem) {
  using astrid::core::validate_pattern;
  using astrid::core::validate_topic;
  BOOST_TEST(!validate_topic("astrid.cli.input"));
  BOOST_TEST(validate_topic("").value_or("") == "empty topic");
  BOOST_TEST(validate_topic("a..b").value_or("") == "empty segment");
  BOOST_TEST(validate_topic(deep_topic(21)).value_or("") == "deeper than 20 segments");
  BOOST_TEST(!validate_pattern("astrid.*.input"));
  BOOST_TEST(validate_pattern("").value_or("") == "empty pattern");
  BOOST_TEST(validate_pattern("a.").value_or("") == "empty segment");
  BOOST_TEST(astrid::core::is_valid_pattern("a.*"));
  BOOST_TEST(!astrid::core::is_valid_topic("."));
}

BOOST_AUTO_TEST_CASE(split_topic_keeps_empty_segments_and_flags_depth) {
  auto s = astrid::core::split_topic("a..b");
  BOOST_TEST(s.size() == 3u);
  BOOST_TEST(s[1].empty());
  BOOST_TEST(astrid::core::split_topic("").size() == 1u);
  const auto t20 = deep_topic(20);  // the segments are views into it
  auto b = astrid::core::split_topic_bounded(t20);
  BOOST_TEST(!b.too_deep);
  BOOST_TEST(b.count == 20u);
  BOOST_TEST(b.segment[19] == "s19");
  BOOST_TEST(astrid::core::split_topic_bounded(deep_topic(21)).too_deep);
}

BOOST_AUTO_TEST_SUITE_END()
