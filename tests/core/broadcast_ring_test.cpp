#include "core/broadcast_ring.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <stdexcept>
#include <vector>

using astrid::core::broadcast_ring;
using astrid::core::ring_cursor;

BOOST_AUTO_TEST_SUITE(broadcast_ring_fanout)

BOOST_AUTO_TEST_CASE(zero_capacity_is_rejected) {
  BOOST_CHECK_THROW(broadcast_ring<int>{0}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(every_reader_gets_every_item_in_order) {
  broadcast_ring<int> ring{16};
  auto a = ring.subscribe();
  auto b = ring.subscribe();
  for (int i = 0; i < 10; ++i) BOOST_TEST(ring.push(i) == static_cast<std::uint64_t>(i));
  std::vector<int> ra, rb;
  BOOST_TEST(ring.read(a, ra, 100) == 10u);
  BOOST_TEST(ring.read(b, rb, 4) == 4u);
  BOOST_TEST(ring.read(b, rb, 100) == 6u);
  BOOST_TEST(ra == rb);
  BOOST_TEST(ra.front() == 0);
  BOOST_TEST(ra.back() == 9);
  BOOST_TEST(a.drain_lagged() == 0u);
  BOOST_TEST(ring.pending(a) == 0u);
}

BOOST_AUTO_TEST_CASE(reader_subscribed_later_sees_only_later_items) {
  broadcast_ring<int> ring{4};
  ring.push(1);
  auto c = ring.subscribe();
  ring.push(2);
  std::vector<int> out;
  ring.read(c, out, 10);
  BOOST_TEST(out == (std::vector<int>{2}));
}

BOOST_AUTO_TEST_CASE(reader_behind_by_more_than_capacity_skips_to_oldest_and_counts_exact_lag) {
  broadcast_ring<int> ring{4};
  auto c = ring.subscribe();
  for (int i = 0; i < 11; ++i) ring.push(i);
  BOOST_TEST(ring.pending(c) == 11u);
  std::vector<int> out;
  BOOST_TEST(ring.read(c, out, 100) == 4u);
  BOOST_TEST(out == (std::vector<int>{7, 8, 9, 10}));
  BOOST_TEST(c.lagged == 7u);
  // Lag accumulates across overflows until drained, and is never terminal.
  for (int i = 11; i < 16; ++i) ring.push(i);
  out.clear();
  ring.read(c, out, 100);
  BOOST_TEST(out == (std::vector<int>{12, 13, 14, 15}));
  BOOST_TEST(c.drain_lagged() == 8u);
  BOOST_TEST(c.drain_lagged() == 0u);
  ring.push(16);
  out.clear();
  ring.read(c, out, 100);
  BOOST_TEST(out == (std::vector<int>{16}));
}

BOOST_AUTO_TEST_CASE(filtered_read_consumes_non_matching_items_without_counting_them) {
  broadcast_ring<int> ring{16};
  auto c = ring.subscribe();
  for (int i = 0; i < 10; ++i) ring.push(i);
  std::vector<int> out;
  BOOST_TEST(ring.read_if(c, out, 3, [](int v) { return v % 2 == 0; }) == 3u);
  BOOST_TEST(out == (std::vector<int>{0, 2, 4}));
  BOOST_TEST(ring.read_if(c, out, 10, [](int v) { return v % 2 == 0; }) == 2u);
  BOOST_TEST(ring.pending(c) == 0u);
}

BOOST_AUTO_TEST_CASE(positions_and_window_are_reported) {
  broadcast_ring<int> ring{3};
  BOOST_TEST(ring.tail() == 0u);
  BOOST_TEST(ring.head() == 0u);
  for (int i = 0; i < 5; ++i) ring.push(i);
  BOOST_TEST(ring.tail() == 5u);
  BOOST_TEST(ring.head() == 2u);
  BOOST_TEST(ring.size() == 3u);
  BOOST_TEST(ring.capacity() == 3u);
}

BOOST_AUTO_TEST_CASE(items_are_shared_not_copied_and_released_when_overwritten) {
  broadcast_ring<std::shared_ptr<const int>> ring{2};
  auto first = std::make_shared<const int>(1);
  ring.push(first);
  auto a = ring.subscribe();
  a.next = 0;
  std::vector<std::shared_ptr<const int>> out;
  ring.read(a, out, 1);
  BOOST_TEST(out.front().get() == first.get());
  out.clear();
  ring.push(std::make_shared<const int>(2));
  ring.push(std::make_shared<const int>(3));
  BOOST_TEST(first.use_count() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
