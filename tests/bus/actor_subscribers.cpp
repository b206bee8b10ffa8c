// Actor subscribers through the facade, with real threads (DESIGN.md, "For
// code that is itself an actor"): batches in publish order, credit-based
// flow control with exact lag, and removal of a subscriber actor that dies.
// The credit and acknowledgement bookkeeping itself is pinned step by step
// in tests/actors/router_actor_test.cpp.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

// What the subscriber actor saw; the first batch blocks until `open`.
struct inbox {
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<event_batch> batches;
  bool open = false;

  std::size_t accounted() {  // events received + events reported lost
    std::size_t n = 0;
    for (auto& b : batches) n += b.events.size() + b.lagged;
    return n;
  }
  bool wait_for(std::size_t n) {
    std::unique_lock<std::mutex> lock{mutex};
    return cv.wait_for(lock, 30s, [&] { return accounted() >= n; });
  }
};

caf::behavior collector(caf::event_based_actor*, std::shared_ptr<inbox> box) {
  return {[=](const event_batch& b) {
    std::unique_lock<std::mutex> lock{box->mutex};
    box->batches.push_back(b);
    box->cv.notify_all();
    box->cv.wait(lock, [&] { return box->open; });  // hold the credit until told
  }};
}

struct small_bus : test::bus_fixture {
  small_bus() : bus_fixture{with_capacity(8)} {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(actor_subscribers, small_bus)

BOOST_AUTO_TEST_CASE(an_actor_subscriber_gets_batches_in_order_with_exact_lag) {
  auto box = std::make_shared<inbox>();
  auto who = system().spawn<caf::detached>(collector, box);
  bus().subscribe_actor(who, "", "slow-actor");
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 1u);
  BOOST_CHECK_EQUAL(bus().publish(custom("n", 0)), 1u);  // in flight alone, held by the actor
  for (int i = 1; i < 50; ++i) bus().publish(custom("n", i));
  {
    std::lock_guard<std::mutex> guard{box->mutex};
    box->open = true;
  }
  box->cv.notify_all();
  BOOST_REQUIRE(box->wait_for(50));
  std::lock_guard<std::mutex> guard{box->mutex};
  BOOST_REQUIRE_EQUAL(box->batches.size(), 2u);
  BOOST_CHECK_EQUAL(box->batches[0].events.size(), 1u);
  BOOST_CHECK_EQUAL(box->batches[1].lagged, 41u);  // 1..41 lost, 42..49 kept
  BOOST_REQUIRE_EQUAL(box->batches[1].events.size(), 8u);
  for (int i = 0; i < 8; ++i) BOOST_CHECK_EQUAL(number_of(*box->batches[1].events[i]), 42 + i);
  BOOST_CHECK_EQUAL(bus().stats().lagged["slow-actor"], 41u);
  caf::anon_send_exit(who, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(an_actor_subscriber_with_a_pattern_gets_only_matching_ipc) {
  auto box = std::make_shared<inbox>();
  box->open = true;
  auto who = system().spawn(collector, box);
  auto id = bus().subscribe_actor(who, "cap.*.out");
  BOOST_CHECK_EQUAL(bus().publish(lifecycle()), 0u);
  BOOST_CHECK_EQUAL(bus().publish(ipc("cap.a.in", 1)), 0u);
  BOOST_CHECK_EQUAL(bus().publish(ipc("cap.a.out", 2)), 1u);
  BOOST_REQUIRE(box->wait_for(1));
  {
    std::lock_guard<std::mutex> guard{box->mutex};
    BOOST_CHECK_EQUAL(number_of(*box->batches[0].events[0]), 2);
  }
  BOOST_CHECK(bus().unsubscribe_actor(id));
  BOOST_CHECK(!bus().unsubscribe_actor(id));
  BOOST_CHECK_EQUAL(bus().publish(ipc("cap.a.out", 3)), 0u);
  caf::anon_send_exit(who, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(an_actor_subscriber_that_dies_is_removed) {
  log_capture::clear();
  auto box = std::make_shared<inbox>();
  box->open = true;
  auto who = system().spawn(collector, box);
  bus().subscribe_actor(who);
  caf::scoped_actor self{system()};
  self->monitor(who);
  self->send_exit(who, caf::exit_reason::user_shutdown);
  self->receive([](caf::down_msg&) {}, caf::after(10s) >> [] { BOOST_FAIL("no down message"); });
  who = nullptr;
  // The router logs the subscriber it dropped, after dropping it.
  BOOST_CHECK(log_capture::wait_until([] { return log_capture::contains({"actor subscriber gone"}); },
                                      10s));
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 0u);
}

BOOST_AUTO_TEST_SUITE_END()
