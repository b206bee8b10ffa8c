// BEHAVIOUR.md, "Copies of the bus": every copy is the same bus, and the last
// one to go releases every subscriber before its destructor returns.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

struct destructor_flag : subscriber {
  explicit destructor_flag(std::shared_ptr<std::atomic<bool>> flag) : flag_{std::move(flag)} {}
  ~destructor_flag() override { flag_->store(true); }
  void on_event(const astrid::event&, bus_context&) override {}
  std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(bus_copies, test::bus_fixture)

BOOST_AUTO_TEST_CASE(a_sync_subscriber_registered_through_one_copy_receives_events_published_through_another) {
  event_bus copy = bus();
  auto rec = std::make_shared<recording_subscriber>();
  copy.add_subscriber(rec);
  bus().publish(custom("n", 1));
  BOOST_CHECK_EQUAL(rec->count(), 1u);
}

BOOST_AUTO_TEST_CASE(copies_share_receivers_sequence_counter_and_routes) {
  event_bus copy = bus();
  auto rx = copy.subscribe();
  auto topic = copy.subscribe_topic("x.*");
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 2u);
  BOOST_CHECK_EQUAL(bus().publish(ipc("x.y")), 2u);  // routed through the copy's topic
  BOOST_CHECK_EQUAL(copy.publish(ipc("x.z")), 2u);
  auto got = recv_n(topic, 2);
  BOOST_REQUIRE_EQUAL(got.size(), 2u);
  BOOST_CHECK_EQUAL(astrid::as_ipc(*got[0])->seq, 1u);
  BOOST_CHECK_EQUAL(astrid::as_ipc(*got[1])->seq, 2u);
  BOOST_CHECK_EQUAL(copy.capacity(), bus().capacity());
}

BOOST_AUTO_TEST_CASE(destroying_the_last_copy_releases_every_subscriber) {
  auto a = std::make_shared<std::atomic<bool>>(false);
  auto b = std::make_shared<std::atomic<bool>>(false);
  {
    event_bus copy = bus();
    copy.add_subscriber(std::make_shared<destructor_flag>(a));
    bus().add_subscriber(std::make_shared<destructor_flag>(b));
  }
  BOOST_CHECK(!a->load());  // the fixture still holds a copy
  drop_bus();
  BOOST_CHECK(a->load());   // destructors ran before drop_bus() returned
  BOOST_CHECK(b->load());
}

BOOST_AUTO_TEST_CASE(after_the_last_copy_receivers_report_closed_and_drain_what_they_buffered) {
  auto rx = bus().subscribe();
  auto topic = bus().subscribe_topic("a.b");
  bus().publish(ipc("a.b", 1));
  bus().publish(ipc("a.b", 2));
  BOOST_CHECK(!rx.closed());
  drop_bus();
  BOOST_CHECK(rx.closed());
  BOOST_CHECK(topic.closed());
  for (auto* r : {&rx, &topic}) {
    auto first = r->recv(10s);
    auto second = r->try_recv();
    BOOST_REQUIRE(first && second);
    BOOST_CHECK_EQUAL(number_of(**first), 1);
    BOOST_CHECK_EQUAL(number_of(**second), 2);
    BOOST_CHECK(!r->recv(60s));  // at once: the bus is gone
  }
}

BOOST_AUTO_TEST_SUITE_END()
