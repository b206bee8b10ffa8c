#include "core/bounded_queue.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <stdexcept>
#include <vector>

using astrid::core::bounded_queue;

BOOST_AUTO_TEST_SUITE(bounded_queue_lag)

BOOST_AUTO_TEST_CASE(zero_capacity_is_rejected) {
  BOOST_CHECK_THROW(bounded_queue<int>{0}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(queue_is_fifo_below_capacity) {
  bounded_queue<int> q{4};
  BOOST_TEST(q.empty());
  BOOST_TEST(!q.pop().has_value());
  for (int i = 0; i < 4; ++i) BOOST_TEST(q.push(i));
  BOOST_TEST(q.size() == 4u);
  for (int i = 0; i < 4; ++i) BOOST_TEST(*q.pop() == i);
  BOOST_TEST(q.lagged() == 0u);
}

BOOST_AUTO_TEST_CASE(lag_starts_at_zero_and_counts_each_dropped_item_exactly) {
  bounded_queue<int> q{3};
  BOOST_TEST(q.drain_lagged() == 0u);
  for (int i = 0; i < 10; ++i) q.push(i);
  BOOST_TEST(q.size() == 3u);
  BOOST_TEST(q.lagged() == 7u);
  BOOST_TEST(q.drain_lagged() == 7u);
  BOOST_TEST(q.drain_lagged() == 0u);
}

BOOST_AUTO_TEST_CASE(push_reports_when_it_dropped_the_oldest) {
  bounded_queue<int> q{1};
  BOOST_TEST(q.push(1));
  BOOST_TEST(!q.push(2));
  BOOST_TEST(*q.pop() == 2);
}

BOOST_AUTO_TEST_CASE(losses_accumulate_across_overflows_until_drained) {
  bounded_queue<int> q{2};
  for (int i = 0; i < 5; ++i) q.push(i);  // 3 lost
  BOOST_TEST(*q.pop() == 3);
  for (int i = 5; i < 9; ++i) q.push(i);  // holds 4; 5,6,7,8 -> 3 more lost
  BOOST_TEST(q.drain_lagged() == 6u);
  BOOST_TEST(q.dropped_total() == 6u);
}

BOOST_AUTO_TEST_CASE(lagging_queue_keeps_the_newest_items_in_order_and_keeps_working) {
  bounded_queue<int> q{4};
  for (int i = 0; i < 100; ++i) q.push(i);
  std::vector<int> out;
  BOOST_TEST(q.pop_into(out, 10) == 4u);
  BOOST_TEST(out == (std::vector<int>{96, 97, 98, 99}));
  q.push(100);
  BOOST_TEST(*q.pop() == 100);
  BOOST_TEST(q.drain_lagged() == 96u);
}

BOOST_AUTO_TEST_CASE(pop_into_respects_its_maximum) {
  bounded_queue<int> q{8};
  for (int i = 0; i < 8; ++i) q.push(i);
  std::vector<int> out;
  BOOST_TEST(q.pop_into(out, 3) == 3u);
  BOOST_TEST(out == (std::vector<int>{0, 1, 2}));
  BOOST_TEST(q.size() == 5u);
  BOOST_TEST(*q.front() == 3);
}

BOOST_AUTO_TEST_CASE(upstream_losses_join_the_lag_count) {
  bounded_queue<int> q{2};
  q.add_lagged(5);
  q.push(1);
  q.push(2);
  q.push(3);
  BOOST_TEST(q.drain_lagged() == 6u);
}

BOOST_AUTO_TEST_CASE(dropped_items_are_released) {
  auto p = std::make_shared<int>(1);
  bounded_queue<std::shared_ptr<int>> q{1};
  q.push(p);
  q.push(std::make_shared<int>(2));
  BOOST_TEST(p.use_count() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
