#include "core/topic.hpp"
#include "core/topic_index.hpp"
#include "topic_vectors.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using astrid::core::topic_index;

namespace {

std::vector<std::uint64_t> sorted(std::vector<std::uint64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Random dotted strings over a tiny alphabet so that collisions, empty
// segments, `*` in every position and over-deep strings all occur often.
std::string random_string(std::mt19937_64& rng, bool pattern) {
  static const char* const topic_segs[] = {"a", "b", "c", "", "ab", "b*", "**"};
  std::uniform_int_distribution<int> depth_dist{1, 23};
  std::uniform_int_distribution<int> seg_dist{0, 6};
  std::uniform_int_distribution<int> pct{0, 99};
  int depth = pct(rng) < 85 ? std::uniform_int_distribution<int>{1, 5}(rng) : depth_dist(rng);
  std::string s;
  for (int i = 0; i < depth; ++i) {
    if (i) s += '.';
    if (pattern && pct(rng) < 30)
      s += '*';
    else
      s += topic_segs[seg_dist(rng)];
  }
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(topic_index_trie)

BOOST_AUTO_TEST_CASE(exact_wildcard_and_trailing_patterns_route_to_their_ids) {
  topic_index idx;
  idx.insert("astrid.cli.input", 1);
  idx.insert("astrid.*.input", 2);
  idx.insert("astrid.*", 3);
  idx.insert("system.log", 4);
  idx.insert("a.b.*.*", 5);
  BOOST_TEST(sorted(idx.match("astrid.cli.input")) == (std::vector<std::uint64_t>{1, 2, 3}));
  BOOST_TEST(sorted(idx.match("astrid.telegram.input")) == (std::vector<std::uint64_t>{2, 3}));
  BOOST_TEST(idx.match("astrid") .empty());
  BOOST_TEST(sorted(idx.match("system.log")) == (std::vector<std::uint64_t>{4}));
  BOOST_TEST(idx.match("a.b.c").empty());
  BOOST_TEST(sorted(idx.match("a.b.c.d")) == (std::vector<std::uint64_t>{5}));
  BOOST_TEST(sorted(idx.match("a.b.c.d.e")) == (std::vector<std::uint64_t>{5}));
  BOOST_TEST(idx.size() == 5u);
}

BOOST_AUTO_TEST_CASE(topic_deeper_than_20_matches_nothing_in_the_index) {
  topic_index idx;
  idx.insert("s0.*", 1);
  idx.insert("*.*", 2);
  std::string t = "s0";
  for (int i = 1; i < 20; ++i) t += ".s" + std::to_string(i);
  BOOST_TEST(idx.match(t).size() == 2u);
  BOOST_TEST(idx.match(t + ".x").empty());
}

BOOST_AUTO_TEST_CASE(same_pair_is_stored_once_and_erase_reports_presence) {
  topic_index idx;
  BOOST_TEST(idx.insert("a.b", 7));
  BOOST_TEST(!idx.insert("a.b", 7));
  BOOST_TEST(idx.size() == 1u);
  BOOST_TEST(idx.match("a.b").size() == 1u);
  BOOST_TEST(!idx.erase("a.b", 8));
  BOOST_TEST(!idx.erase("a.c", 7));
  BOOST_TEST(idx.erase("a.b", 7));
  BOOST_TEST(!idx.erase("a.b", 7));
  BOOST_TEST(idx.empty());
}

BOOST_AUTO_TEST_CASE(erase_prunes_every_node_it_leaves_empty) {
  topic_index idx;
  idx.insert("a.b.c", 1);
  idx.insert("a.*.c.*", 2);
  idx.insert("a.b", 3);
  BOOST_TEST(idx.node_count() > 0u);
  idx.erase("a.b.c", 1);
  BOOST_TEST(idx.match("a.b").size() == 1u);  // shared prefix survives
  idx.erase("a.*.c.*", 2);
  idx.erase("a.b", 3);
  BOOST_TEST(idx.node_count() == 0u);
  BOOST_TEST(idx.size() == 0u);
}

BOOST_AUTO_TEST_CASE(many_subscribers_on_one_pattern_insert_and_erase_cleanly) {
  topic_index idx;
  for (std::uint64_t id = 0; id < 1000; ++id) idx.insert("t.*", id);
  BOOST_TEST(idx.match("t.x").size() == 1000u);
  for (std::uint64_t id = 0; id < 1000; id += 2) BOOST_TEST(idx.erase("t.*", id));
  auto left = sorted(idx.match("t.x"));
  BOOST_TEST(left.size() == 500u);
  BOOST_TEST(std::all_of(left.begin(), left.end(), [](auto id) { return id % 2 == 1; }));
  for (std::uint64_t id = 1; id < 1000; id += 2) BOOST_TEST(idx.erase("t.*", id));
  BOOST_TEST(idx.node_count() == 0u);
}

BOOST_AUTO_TEST_CASE(counters_track_inserts_removes_matches_and_cache_hits) {
  topic_index idx;
  idx.insert("a.*", 1);
  idx.insert("a.b", 2);
  idx.erase("a.b", 2);
  const auto g = idx.generation();
  idx.match("a.b");
  idx.match("a.b");
  idx.match("a.b");
  auto s = idx.stats();
  BOOST_TEST(s.inserts == 2u);
  BOOST_TEST(s.removes == 1u);
  BOOST_TEST(s.matches == 3u);
  BOOST_TEST(s.cache_hits == 2u);
  BOOST_TEST(idx.generation() == g);
}

BOOST_AUTO_TEST_CASE(cache_is_invalidated_by_insert_and_erase) {
  topic_index idx;
  idx.insert("a.*", 1);
  BOOST_TEST(idx.match("a.b").size() == 1u);
  BOOST_TEST(idx.cache_size() == 1u);
  idx.insert("a.b", 2);
  BOOST_TEST(idx.cache_size() == 0u);
  BOOST_TEST(idx.match("a.b").size() == 2u);
  idx.erase("a.*", 1);
  BOOST_TEST(sorted(idx.match("a.b")) == (std::vector<std::uint64_t>{2}));
}

BOOST_AUTO_TEST_CASE(cache_stays_within_its_capacity) {
  topic_index idx{8};
  idx.insert("*", 1);
  for (int i = 0; i < 100; ++i) BOOST_TEST(idx.match("t" + std::to_string(i)).size() == 1u);
  BOOST_TEST(idx.cache_size() <= 8u);
  topic_index uncached{0};
  uncached.insert("*", 1);
  uncached.match("x");
  uncached.match("x");
  BOOST_TEST(uncached.cache_size() == 0u);
  BOOST_TEST(uncached.stats().cache_hits == 0u);
}

BOOST_AUTO_TEST_CASE(match_appends_without_clearing_the_output) {
  topic_index idx;
  idx.insert("a", 5);
  std::vector<std::uint64_t> out{42};
  idx.match("a", out);
  BOOST_TEST(out == (std::vector<std::uint64_t>{42, 5}));
}

BOOST_AUTO_TEST_CASE(trie_agrees_with_topic_pattern_matches_on_every_reference_vector) {
  const auto vectors = astrid::test::load_topic_vectors();
  for (const auto& v : vectors) {
    topic_index idx;
    idx.insert(v.pattern, 1);
    BOOST_TEST_CONTEXT("pattern '" << v.pattern << "' topic '" << v.topic << "'") {
      BOOST_TEST(!idx.match(v.topic).empty() == v.expect);
    }
  }
}

BOOST_AUTO_TEST_CASE(trie_agrees_with_topic_pattern_matches_on_random_patterns_and_topics) {
  std::mt19937_64 rng{20240611};
  for (int round = 0; round < 20; ++round) {
    topic_index idx{round % 2 == 0 ? topic_index::default_cache_capacity : 0};
    std::vector<std::string> patterns;
    for (int i = 0; i < 300; ++i) {
      patterns.push_back(random_string(rng, true));
      idx.insert(patterns.back(), static_cast<std::uint64_t>(i));
    }
    // Erase a third so pruning is exercised too.
    std::vector<bool> live(patterns.size(), true);
    for (std::size_t i = 0; i < patterns.size(); i += 3) {
      BOOST_TEST(idx.erase(patterns[i], i));
      live[i] = false;
    }
    for (int q = 0; q < 500; ++q) {
      const auto topic = random_string(rng, false);
      std::vector<std::uint64_t> expect;
      for (std::size_t i = 0; i < patterns.size(); ++i)
        if (live[i] && astrid::core::topic_pattern_matches(patterns[i], topic))
          expect.push_back(i);
      for (int rep = 0; rep < 2; ++rep) {  // second time from the cache
        BOOST_TEST_CONTEXT("topic '" << topic << "'") {
          BOOST_TEST(sorted(idx.match(topic)) == expect);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
