// BEHAVIOUR.md, "Topic subscriptions": the grammar, checked both on
// topic_pattern_matches and on routed delivery through the router's trie.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <random>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

// Which of `topics` a topic receiver on `pattern` gets, in order.
std::vector<std::string> routed(event_bus& bus, const std::string& pattern,
                                const std::vector<std::string>& topics) {
  auto rx = bus.subscribe_topic(pattern);
  for (const auto& t : topics) bus.publish(ipc(t));
  std::vector<std::string> got;
  while (auto ev = rx.try_recv()) got.push_back(topic_of(**ev));
  return got;
}

// The topics of `topics` that topic_pattern_matches says `pattern` matches.
std::vector<std::string> matching(const std::string& pattern, const std::vector<std::string>& topics) {
  std::vector<std::string> out;
  for (const auto& t : topics)
    if (topic_pattern_matches(pattern, t)) out.push_back(t);
  return out;
}

std::string deep_topic(int depth) {
  std::string t = "a";
  for (int i = 1; i < depth; ++i) t += ".a";
  return t;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(topic_subscriptions, test::bus_fixture)

BOOST_AUTO_TEST_CASE(a_topic_receiver_yields_only_matching_ipc_events_never_non_ipc_events) {
  auto rx = bus().subscribe_topic("astrid.*");
  bus().publish(lifecycle());
  bus().publish(custom("astrid.cli.input", 1));
  bus().publish(ipc("system.log", 2));
  bus().publish(ipc("astrid.cli.input", 3));
  auto ev = rx.try_recv();
  BOOST_REQUIRE(ev);
  BOOST_CHECK_EQUAL(number_of(**ev), 3);
  BOOST_CHECK(!rx.try_recv());
}

BOOST_AUTO_TEST_CASE(an_exact_pattern_needs_equal_segment_count_and_equal_segments) {
  BOOST_CHECK(topic_pattern_matches("astrid.cli.input", "astrid.cli.input"));
  BOOST_CHECK(!topic_pattern_matches("astrid.cli.input", "astrid.cli.output"));
  BOOST_CHECK(!topic_pattern_matches("astrid.cli.input", "astrid.cli.input.x"));
  BOOST_CHECK(!topic_pattern_matches("astrid.cli.input", "astrid.cli"));
  BOOST_CHECK((routed(bus(), "astrid.cli.input", {"astrid.cli.input", "astrid.cli.output",
                                                  "astrid.cli.input.x"}) ==
               std::vector<std::string>{"astrid.cli.input"}));
}

BOOST_AUTO_TEST_CASE(a_star_in_a_non_final_position_matches_exactly_one_segment) {
  BOOST_CHECK(topic_pattern_matches("astrid.*.input", "astrid.telegram.input"));
  BOOST_CHECK(!topic_pattern_matches("astrid.*.input", "astrid.cli.output"));
  BOOST_CHECK(!topic_pattern_matches("a.*.c", "a.b.c.d"));
  BOOST_CHECK((routed(bus(), "astrid.*.input",
                      {"astrid.telegram.input", "astrid.cli.output", "astrid.x.y.input"}) ==
               std::vector<std::string>{"astrid.telegram.input"}));
}

BOOST_AUTO_TEST_CASE(a_final_dot_star_matches_one_or_more_remaining_segments) {
  BOOST_CHECK(topic_pattern_matches("astrid.v1.request.*", "astrid.v1.request.list"));
  BOOST_CHECK(topic_pattern_matches("astrid.v1.request.*", "astrid.v1.request.foo.bar"));
  BOOST_CHECK(!topic_pattern_matches("astrid.v1.request.*", "astrid.v1.request"));
  BOOST_CHECK(topic_pattern_matches("astrid.*", "astrid.cli.input"));
  BOOST_CHECK(!topic_pattern_matches("astrid.*", "system.log"));
  BOOST_CHECK((routed(bus(), "astrid.v1.request.*",
                      {"astrid.v1.request.list", "astrid.v1.request", "astrid.v1.request.foo.bar"}) ==
               std::vector<std::string>{"astrid.v1.request.list", "astrid.v1.request.foo.bar"}));
}

BOOST_AUTO_TEST_CASE(enumerated_forms_keep_working) {
  BOOST_CHECK(topic_pattern_matches("a.b.*.*", "a.b.c.d"));
  BOOST_CHECK(topic_pattern_matches("a.b.*.*", "a.b.c.d.e"));
  BOOST_CHECK(!topic_pattern_matches("a.b.*.*", "a.b.c"));
  BOOST_CHECK((routed(bus(), "a.b.*.*", {"a.b.c", "a.b.c.d", "a.b.c.d.e"}) ==
               std::vector<std::string>{"a.b.c.d", "a.b.c.d.e"}));
}

BOOST_AUTO_TEST_CASE(a_topic_deeper_than_20_segments_never_matches_anything) {
  BOOST_CHECK(topic_pattern_matches("a.*", deep_topic(20)));
  BOOST_CHECK(!topic_pattern_matches("a.*", deep_topic(21)));
  BOOST_CHECK(!topic_pattern_matches(deep_topic(21), deep_topic(21)));
  BOOST_CHECK((routed(bus(), "a.*", {deep_topic(21), deep_topic(20)}) ==
               std::vector<std::string>{deep_topic(20)}));
}

BOOST_AUTO_TEST_CASE(routed_delivery_and_the_matching_function_never_disagree) {
  std::mt19937 rng{20240601};
  const std::vector<std::string> words{"a", "b", "c", "*"};
  std::vector<std::string> topics;
  for (int i = 0; i < 60; ++i) {
    std::string t = words[rng() % 3];
    for (int d = 1 + static_cast<int>(rng() % 4); d > 0; --d) t += "." + words[rng() % 3];
    topics.push_back(t);
  }
  for (int i = 0; i < 25; ++i) {
    std::string p = words[rng() % 4];
    for (int d = static_cast<int>(rng() % 4); d > 0; --d) p += "." + words[rng() % 4];
    BOOST_TEST_CONTEXT("pattern " << p) {
      BOOST_CHECK(routed(bus(), p, topics) == matching(p, topics));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
