// BEHAVIOUR.md, "Synchronous subscribers": names and filters, crash
// isolation with restart, self-removal, posting from a handler, and a
// destructor that publishes.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

struct plain : subscriber {
  void on_event(const astrid::event&, bus_context&) override {}
};

// Accepts only lifecycle events.
struct lifecycle_only : recording_subscriber {
  bool accepts(const astrid::event& ev) const override { return astrid::as_ipc(ev) == nullptr; }
};

// Throws on events carrying an odd number.
struct odd_thrower : recording_subscriber {
  odd_thrower() : recording_subscriber{"odd-thrower"} {}
  void on_event(const astrid::event& ev, bus_context& ctx) override {
    if (number_of(ev) % 2 != 0) throw std::runtime_error{"odd number " + std::to_string(number_of(ev))};
    recording_subscriber::on_event(ev, ctx);
  }
};

struct quitter : recording_subscriber {
  void on_event(const astrid::event& ev, bus_context& ctx) override {
    recording_subscriber::on_event(ev, ctx);
    ctx.unsubscribe_self();
  }
};

// Answers every event numbered below 100 with a post of the next number.
struct echo : recording_subscriber {
  void on_event(const astrid::event& ev, bus_context& ctx) override {
    recording_subscriber::on_event(ev, ctx);
    if (number_of(ev) < 100) ctx.post(custom("n", number_of(ev) + 1));
  }
};

// Publishes (blocking) from its destructor through its own copy of the bus.
struct publishing_destructor : subscriber {
  explicit publishing_destructor(event_bus b) : bus{std::move(b)} {}
  ~publishing_destructor() override { bus.publish(custom("goodbye", 42)); }
  void on_event(const astrid::event&, bus_context&) override {}
  event_bus bus;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sync_subscribers, test::bus_fixture)

BOOST_AUTO_TEST_CASE(a_subscriber_is_named_anonymous_and_accepts_everything_by_default) {
  plain p;
  BOOST_CHECK_EQUAL(p.name(), "anonymous");
  BOOST_CHECK(p.accepts(lifecycle()));
  BOOST_CHECK(p.accepts(ipc("a.b")));
}

BOOST_AUTO_TEST_CASE(events_its_accepts_filter_refuses_are_not_delivered) {
  auto rec = std::make_shared<lifecycle_only>();
  bus().add_subscriber(rec);
  bus().publish(custom("n", 1));
  bus().publish(ipc("a.b", 2));
  bus().publish(custom("n", 3));
  BOOST_CHECK((rec->numbers() == std::vector<std::int64_t>{1, 3}));
}

BOOST_AUTO_TEST_CASE(a_subscriber_that_throws_is_logged_and_still_receives_the_next_events) {
  log_capture::clear();
  auto thrower = std::make_shared<odd_thrower>();
  auto other = std::make_shared<recording_subscriber>();
  auto rx = bus().subscribe();
  bus().add_subscriber(thrower);
  bus().add_subscriber(other);
  for (int i = 0; i < 6; ++i) bus().publish(custom("n", i));
  BOOST_CHECK((thrower->numbers() == std::vector<std::int64_t>{0, 2, 4}));
  BOOST_CHECK_EQUAL(other->count(), 6u);         // others unaffected
  BOOST_CHECK_EQUAL(recv_n(rx, 6).size(), 6u);   // the bus unaffected
  BOOST_CHECK(log_capture::contains({"odd-thrower", "odd number 3"}));
  auto s = bus().stats();
  BOOST_CHECK_EQUAL(s.subscriber_crashes, 3u);
  BOOST_CHECK_EQUAL(s.subscriber_restarts, 3u);
}

BOOST_AUTO_TEST_CASE(a_subscriber_may_remove_itself_from_inside_its_handler_without_deadlock) {
  auto q = std::make_shared<quitter>();
  bus().add_subscriber(q);
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 1u);
  bus().publish(custom("n", 1));
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 0u);
  BOOST_CHECK_EQUAL(q.use_count(), 1);  // the registry no longer holds it
  bus().publish(custom("n", 2));
  BOOST_CHECK((q->numbers() == std::vector<std::int64_t>{1}));
}

BOOST_AUTO_TEST_CASE(a_subscriber_removing_itself_on_a_posted_event_is_released_too) {
  auto q = std::make_shared<quitter>();
  bus().add_subscriber(q);
  bus().post(custom("n", 1));
  bus().publish(custom("n", 2));  // the quitter left after 1, so it never sees 2
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 0u);
  BOOST_CHECK((q->numbers() == std::vector<std::int64_t>{1}));
}

BOOST_AUTO_TEST_CASE(a_subscriber_may_post_from_inside_its_handler_without_deadlock) {
  auto e = std::make_shared<echo>();
  auto rx = bus().subscribe();
  bus().add_subscriber(e);
  bus().publish(custom("n", 0));
  auto got = recv_n(rx, 101);  // 0 published, 1..100 posted by the handler
  BOOST_REQUIRE_EQUAL(got.size(), 101u);
  for (int i = 0; i <= 100; ++i) BOOST_CHECK_EQUAL(number_of(*got[i]), i);
}

BOOST_AUTO_TEST_CASE(a_subscriber_whose_destructor_publishes_does_not_deadlock_when_removed) {
  auto rx = bus().subscribe();
  auto id = bus().add_subscriber(std::make_shared<publishing_destructor>(bus()));
  BOOST_CHECK(bus().remove_subscriber(id));  // the destructor ran (and published) in here
  auto got = rx.try_recv();
  BOOST_REQUIRE(got);
  BOOST_CHECK_EQUAL(number_of(**got), 42);
  BOOST_CHECK(!bus().remove_subscriber(id));
}

BOOST_AUTO_TEST_SUITE_END()
