// BEHAVIOUR.md, "Bus basics": capacity, counts, order, sharing, try_recv /
// recv, subscriber_count and IPC sequence stamping.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <thread>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

BOOST_FIXTURE_TEST_SUITE(bus_basics, test::bus_fixture)

BOOST_AUTO_TEST_CASE(a_new_bus_has_capacity_1024_and_zero_subscribers) {
  BOOST_CHECK_EQUAL(bus().capacity(), 1024u);
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 0u);
}

BOOST_AUTO_TEST_CASE(a_bus_made_with_capacity_n_reports_n) {
  bus_config cfg;
  cfg.capacity = 16;
  BOOST_CHECK_EQUAL(reset_bus(cfg).capacity(), 16u);
}

BOOST_AUTO_TEST_CASE(publishing_with_no_subscribers_is_fine_and_returns_0) {
  BOOST_CHECK_EQUAL(bus().publish(lifecycle()), 0u);
  BOOST_CHECK_EQUAL(bus().publish(ipc("a.b")), 0u);
}

BOOST_AUTO_TEST_CASE(publish_returns_the_number_of_async_receivers_handed_the_event) {
  auto rx1 = bus().subscribe();
  BOOST_CHECK_EQUAL(bus().publish(lifecycle()), 1u);
  auto rx2 = bus().subscribe();
  BOOST_CHECK_EQUAL(bus().publish(lifecycle()), 2u);
  auto topic = bus().subscribe_topic("astrid.cli.*");
  BOOST_CHECK_EQUAL(bus().publish(ipc("system.log")), 2u);       // topic does not match
  BOOST_CHECK_EQUAL(bus().publish(ipc("astrid.cli.input")), 3u);  // topic matches
  BOOST_CHECK_EQUAL(bus().publish(lifecycle()), 2u);              // not IPC: no topic receiver
}

BOOST_AUTO_TEST_CASE(every_async_receiver_gets_every_event_in_publish_order_shared_not_copied) {
  auto rx1 = bus().subscribe();
  auto rx2 = bus().subscribe();
  for (int i = 0; i < 100; ++i) bus().post(custom("n", i));
  auto a = recv_n(rx1, 100);
  auto b = recv_n(rx2, 100);
  BOOST_REQUIRE_EQUAL(a.size(), 100u);
  BOOST_REQUIRE_EQUAL(b.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    BOOST_CHECK_EQUAL(number_of(*a[i]), i);
    BOOST_CHECK(a[i].get() == b[i].get());  // the same object: shared, not copied
  }
}

BOOST_AUTO_TEST_CASE(try_recv_returns_nothing_at_once_when_empty_and_the_event_after_a_publish) {
  auto rx = bus().subscribe();
  BOOST_CHECK(!rx.try_recv());
  bus().publish(custom("x", 7));
  auto ev = rx.try_recv();
  BOOST_REQUIRE(ev);
  BOOST_CHECK_EQUAL(number_of(**ev), 7);
  BOOST_CHECK(!rx.try_recv());
}

BOOST_AUTO_TEST_CASE(recv_wakes_as_soon_as_an_event_is_published) {
  auto rx = bus().subscribe();
  std::optional<event_ptr> got;
  std::thread waiter{[&] { got = rx.recv(60s); }};  // a long timeout: only a publish ends it early
  bus().publish(custom("x", 1));
  waiter.join();
  BOOST_REQUIRE(got);
  BOOST_CHECK_EQUAL(number_of(**got), 1);
}

BOOST_AUTO_TEST_CASE(recv_returns_nothing_after_the_timeout_when_nothing_is_published) {
  auto rx = bus().subscribe();
  BOOST_CHECK(!rx.recv(20ms));
}

BOOST_AUTO_TEST_CASE(try_recv_drains_a_burst_completely_in_order) {
  auto rx = bus().subscribe();
  for (int i = 0; i < 500; ++i) bus().post(custom("n", i));
  bus().publish(custom("n", 500));  // returns after everything before it was fanned out
  for (int i = 0; i <= 500; ++i) {
    auto ev = rx.try_recv();
    BOOST_REQUIRE(ev);
    BOOST_CHECK_EQUAL(number_of(**ev), i);
  }
  BOOST_CHECK(!rx.try_recv());
}

BOOST_AUTO_TEST_CASE(subscriber_count_is_async_receivers_plus_sync_subscribers) {
  auto rx = bus().subscribe();
  auto topic = bus().subscribe_topic("a.*");
  auto id = bus().add_subscriber(std::make_shared<recording_subscriber>());
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 3u);
  bus().remove_subscriber(id);
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 2u);
}

BOOST_AUTO_TEST_CASE(destroying_a_receiver_removes_it) {
  auto rx = std::make_optional(bus().subscribe());
  auto topic = std::make_optional(bus().subscribe_topic("a.b"));
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 2u);
  rx.reset();
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 1u);
  topic.reset();
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 0u);
  BOOST_CHECK_EQUAL(bus().publish(ipc("a.b")), 0u);
}

BOOST_AUTO_TEST_CASE(ipc_messages_are_stamped_with_a_monotonic_seq_starting_at_1) {
  auto rx = bus().subscribe();
  event_bus copy = bus();
  bus().publish(ipc("a.b"));
  copy.publish(ipc("a.c"));
  bus().publish_ipc(ipc_msg("a.d"));
  copy.post(ipc("a.e"));
  auto events = recv_n(rx, 4);
  BOOST_REQUIRE_EQUAL(events.size(), 4u);
  for (std::uint64_t i = 0; i < 4; ++i) BOOST_CHECK_EQUAL(astrid::as_ipc(*events[i])->seq, i + 1);
}

BOOST_AUTO_TEST_CASE(a_receiver_subscribed_after_a_post_sees_only_what_follows) {
  auto before = bus().subscribe();
  bus().post(custom("n", 1));
  auto after = bus().subscribe();
  bus().post(custom("n", 2));
  auto seen = recv_n(after, 1);
  BOOST_REQUIRE_EQUAL(seen.size(), 1u);
  BOOST_CHECK_EQUAL(number_of(*seen[0]), 2);
  BOOST_CHECK(!after.try_recv());
  BOOST_CHECK_EQUAL(recv_n(before, 2).size(), 2u);
}

BOOST_AUTO_TEST_CASE(other_events_are_not_stamped) {
  auto rx = bus().subscribe();
  auto original = lifecycle("9.9");
  bus().publish(original);
  bus().publish(ipc("a.b"));
  auto events = recv_n(rx, 2);
  BOOST_REQUIRE_EQUAL(events.size(), 2u);
  BOOST_CHECK(*events[0] == original);
  BOOST_CHECK_EQUAL(astrid::as_ipc(*events[1])->seq, 1u);  // the lifecycle event took no number
}

BOOST_AUTO_TEST_SUITE_END()
