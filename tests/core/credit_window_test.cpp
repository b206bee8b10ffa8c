// The credit window of an actor subscriber (core/credit_window.hpp): how
// many batches may be unacknowledged, what waits meanwhile, and how losses
// travel with the next batch.
#include "core/credit_window.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

using namespace astrid::core;

namespace {

using item = int;
struct batch {
  std::vector<item> events;
  std::uint64_t lagged = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(credit_windows)

BOOST_AUTO_TEST_CASE(one_batch_in_flight_and_the_losses_travel_with_the_next) {
  credit_window<batch> w{4};
  const item ev = 0;
  BOOST_CHECK(w.offer(ev));
  auto first = w.take();
  BOOST_REQUIRE(first);
  BOOST_CHECK_EQUAL(first->events.size(), 1u);
  for (int i = 0; i < 10; ++i) BOOST_CHECK(!w.offer(ev));  // credit is out
  BOOST_CHECK(!w.take());
  BOOST_CHECK_EQUAL(w.acknowledge(), 1u);  // the size of the batch answered
  BOOST_CHECK_EQUAL(w.acknowledge(), 0u);  // none was in flight
  auto second = w.take();
  BOOST_REQUIRE(second);
  BOOST_CHECK_EQUAL(second->events.size(), 4u);
  BOOST_CHECK_EQUAL(second->lagged, 6u);
}

BOOST_AUTO_TEST_CASE(several_batches_in_flight_are_acknowledged_oldest_first) {
  using window = credit_window<batch>;
  window w{2000, 3};
  const item ev = 0;
  for (std::size_t i = 0; i < window::max_batch * 4; ++i) BOOST_CHECK(w.offer(ev));  // credit free
  for (int i = 0; i < 3; ++i) BOOST_CHECK(w.take());
  BOOST_CHECK(!w.take());       // all three batches are out
  BOOST_CHECK(!w.offer(ev));    // so an offer waits
  BOOST_CHECK_EQUAL(w.batches_in_flight(), 3u);
  BOOST_CHECK_EQUAL(w.in_flight(), 3 * window::max_batch);
  BOOST_CHECK_EQUAL(w.pending(), window::max_batch + 1);
  BOOST_CHECK_EQUAL(w.acknowledge(), window::max_batch);
  BOOST_CHECK_EQUAL(w.in_flight(), 2 * window::max_batch);
  auto next = w.take();
  BOOST_REQUIRE(next);
  BOOST_CHECK_EQUAL(next->events.size(), window::max_batch);
  BOOST_CHECK_EQUAL(next->lagged, 0u);
  BOOST_CHECK_EQUAL(w.pending(), 1u);
  BOOST_CHECK(!w.take());
}

BOOST_AUTO_TEST_CASE(a_window_without_credit_is_refused) {
  BOOST_CHECK_THROW(credit_window<batch>(4, 0), std::invalid_argument);
  BOOST_CHECK_THROW(credit_window<batch>(4, 9), std::invalid_argument);
  BOOST_CHECK_THROW(credit_window<batch>(0, 1), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

