// BEHAVIOUR.md, "Lag": exact loss counts, receivers that keep working after
// overflow, and the security log line with a per-label counter.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

struct small_bus : test::bus_fixture {
  small_bus() : bus_fixture{with_capacity(8)} {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(lag, small_bus)

BOOST_AUTO_TEST_CASE(drain_lagged_starts_at_0_counts_losses_then_resets) {
  auto rx = bus().subscribe();
  auto topic = bus().subscribe_topic("t.*");
  BOOST_CHECK_EQUAL(rx.drain_lagged(), 0u);
  BOOST_CHECK_EQUAL(topic.drain_lagged(), 0u);
  for (int i = 0; i < 13; ++i) bus().publish(ipc("t.x", i));
  BOOST_CHECK_EQUAL(rx.drain_lagged(), 5u);
  BOOST_CHECK_EQUAL(topic.drain_lagged(), 5u);
  BOOST_CHECK_EQUAL(rx.drain_lagged(), 0u);
  BOOST_CHECK_EQUAL(topic.drain_lagged(), 0u);
}

BOOST_AUTO_TEST_CASE(losses_accumulate_across_several_overflows_until_drained) {
  auto rx = bus().subscribe();
  for (int i = 0; i < 10; ++i) bus().publish(custom("n", i));
  std::size_t received = 0;
  BOOST_REQUIRE(rx.try_recv());  // takes the oldest retained event (2)
  ++received;
  for (int i = 10; i < 30; ++i) bus().publish(custom("n", i));
  std::int64_t last = -1;
  while (auto ev = rx.try_recv()) {
    BOOST_CHECK_GT(number_of(**ev), last);  // in order, newest kept
    last = number_of(**ev);
    ++received;
  }
  BOOST_CHECK_EQUAL(last, 29);
  const auto lost = rx.drain_lagged();  // both overflows, in one count
  BOOST_CHECK_GT(lost, 2u);
  BOOST_CHECK_EQUAL(received + lost, 30u);  // exact: every event was received or counted
  BOOST_CHECK_EQUAL(rx.drain_lagged(), 0u);
}

BOOST_AUTO_TEST_CASE(a_lagging_receiver_keeps_working_with_the_newest_events_in_order) {
  auto rx = bus().subscribe();
  auto topic = bus().subscribe_topic("t.x");
  for (int round = 0; round < 3; ++round) {
    const int base = round * 100;
    for (int i = 0; i < 50; ++i) bus().publish(ipc("t.x", base + i));
    for (auto* r : {&rx, &topic}) {
      BOOST_CHECK_EQUAL(r->drain_lagged(), 42u);
      for (int i = 42; i < 50; ++i) {
        auto ev = r->try_recv();
        BOOST_REQUIRE(ev);
        BOOST_CHECK_EQUAL(number_of(**ev), base + i);
      }
      BOOST_CHECK(!r->try_recv());
      BOOST_CHECK(!r->closed());  // lag is never terminal
    }
  }
  bus().publish(ipc("t.x", 1000));
  BOOST_CHECK_EQUAL(number_of(**rx.try_recv()), 1000);
  BOOST_CHECK_EQUAL(number_of(**topic.try_recv()), 1000);
}

BOOST_AUTO_TEST_CASE(a_lag_is_logged_with_the_label_and_counted_per_label) {
  log_capture::clear();
  auto audit = bus().subscribe("audit");
  auto plain1 = bus().subscribe();
  auto plain2 = bus().subscribe_topic("t.*");
  for (int i = 0; i < 11; ++i) bus().publish(ipc("t.x", i));
  BOOST_CHECK_EQUAL(audit.drain_lagged(), 3u);
  BOOST_CHECK_EQUAL(plain1.drain_lagged(), 3u);
  BOOST_CHECK_EQUAL(plain2.drain_lagged(), 3u);
  BOOST_CHECK(log_capture::contains({"subscriber=audit", "lagged=3"}));
  BOOST_CHECK(log_capture::contains({"subscriber=untagged", "lagged=3"}));
  auto s = bus().stats();
  BOOST_CHECK_EQUAL(s.lagged["audit"], 3u);
  BOOST_CHECK_EQUAL(s.lagged["untagged"], 6u);  // unlabeled receivers share "untagged"
}

BOOST_AUTO_TEST_SUITE_END()
