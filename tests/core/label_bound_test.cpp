// The bound on user-given metrics label values (core/label_bound.hpp).
#include "core/label_bound.hpp"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using astrid::core::label_bound;

BOOST_AUTO_TEST_SUITE(label_bounds)

BOOST_AUTO_TEST_CASE(ten_thousand_distinct_labels_make_at_most_limit_plus_one_series) {
  label_bound bound{100};
  std::set<std::string> series;
  for (int i = 0; i < 10'000; ++i) series.emplace(bound.admit("receiver-" + std::to_string(i)));
  BOOST_TEST(series.size() == 101u);
  BOOST_TEST(series.count("other") == 1u);
  BOOST_TEST(bound.admitted() == 100u);
}

BOOST_AUTO_TEST_CASE(an_admitted_label_keeps_its_series_and_a_refused_one_stays_other) {
  label_bound bound{2};
  BOOST_TEST(bound.admit("a") == "a");
  BOOST_TEST(bound.admit("b") == "b");
  BOOST_TEST(bound.admit("c") == "other");
  BOOST_TEST(bound.admit("a") == "a");
  BOOST_TEST(bound.admit("c") == "other");
}

BOOST_AUTO_TEST_CASE(a_label_named_other_is_counted_with_the_overflow) {
  label_bound bound{5};
  BOOST_TEST(bound.admit("other") == "other");
  BOOST_TEST(bound.admitted() == 0u);
  label_bound none{0};
  BOOST_TEST(none.admit("x") == "other");
}

BOOST_AUTO_TEST_SUITE_END()
