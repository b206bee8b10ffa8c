// Beyond the checklist: a subscriber that throws 10,000 times while two
// others count every event, receivers destroyed while events are in flight,
// and many publishing threads each keeping their order.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <stdexcept>
#include <thread>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

struct always_throws : subscriber {
  std::atomic<int> calls{0};
  void on_event(const astrid::event&, bus_context&) override {
    ++calls;
    throw std::runtime_error{"always"};
  }
  std::string name() const override { return "always-throws"; }
};

struct quiet_bus : test::bus_fixture {
  quiet_bus() : bus_fixture{[] {
    bus_config cfg;
    cfg.log_level = "off";  // 10,000 crash lines would only slow the test down
    cfg.capacity = 1 << 15;
    return cfg;
  }()} {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(robustness, quiet_bus)

BOOST_AUTO_TEST_CASE(a_subscriber_throwing_10000_times_costs_the_others_nothing) {
  constexpr int n = 10000;
  auto thrower = std::make_shared<always_throws>();
  auto a = std::make_shared<recording_subscriber>("a");
  auto b = std::make_shared<recording_subscriber>("b");
  bus().add_subscriber(a);
  bus().add_subscriber(thrower);
  bus().add_subscriber(b);
  for (int i = 0; i < n - 1; ++i) bus().post(custom("n", i));
  bus().publish(custom("n", n - 1));  // returns once every subscriber handled all n
  BOOST_CHECK_EQUAL(thrower->calls.load(), n);  // restarted each time, never skipped
  for (const auto& rec : {a, b}) {
    auto seen = rec->numbers();
    BOOST_REQUIRE_EQUAL(seen.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) BOOST_CHECK_EQUAL(seen[i], i);
  }
  auto s = bus().stats();
  BOOST_CHECK_EQUAL(s.subscriber_crashes, static_cast<std::uint64_t>(n));
  BOOST_CHECK_EQUAL(s.subscriber_restarts, static_cast<std::uint64_t>(n));
}

BOOST_AUTO_TEST_CASE(receivers_destroyed_while_events_are_in_flight_do_no_harm) {
  std::atomic<bool> stop{false};
  std::thread publisher{[&] {
    for (int i = 0; !stop.load(); ++i) {
      auto ev = ipc(i % 2 ? "t.a" : "t.b", i);
      if (i % 64 == 0)
        bus().publish(std::move(ev));  // back-pressure: post alone never waits
      else
        bus().post(std::move(ev));
    }
  }};
  for (int round = 0; round < 200; ++round) {
    auto rx = bus().subscribe();
    auto topic = bus().subscribe_topic("t.*");
    rx.recv(10ms);  // some rounds read, some die with a full queue
    topic.try_recv();
  }
  stop = true;
  publisher.join();
  auto last = bus().subscribe();
  bus().publish(custom("n", -7));
  auto ev = last.recv(10s);  // the bus is intact: the next receiver sees what follows
  while (ev && number_of(**ev) != -7) ev = last.recv(10s);
  BOOST_REQUIRE(ev);
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 1u);
}

BOOST_AUTO_TEST_CASE(publishing_from_many_threads_keeps_each_threads_order) {
  constexpr int threads = 4;
  constexpr int per_thread = 2000;
  auto rx = bus().subscribe();
  auto rec = std::make_shared<recording_subscriber>();
  bus().add_subscriber(rec);
  std::vector<std::thread> pubs;
  for (int t = 0; t < threads; ++t)
    pubs.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        auto ev = custom("n", t * per_thread + i);
        if (i % 10 == 0)
          bus().publish(std::move(ev));
        else
          bus().post(std::move(ev));
      }
    });
  for (auto& p : pubs) p.join();
  bus().publish(custom("n", -1));
  auto got = recv_n(rx, threads * per_thread + 1);
  BOOST_REQUIRE_EQUAL(got.size(), static_cast<std::size_t>(threads * per_thread + 1));
  std::map<int, std::int64_t> last;  // per thread: the last number seen
  for (const auto& ev : got) {
    auto n = number_of(*ev);
    if (n < 0) continue;
    auto t = static_cast<int>(n / per_thread);
    if (last.count(t)) BOOST_CHECK_LT(last[t], n);
    last[t] = n;
  }
  BOOST_CHECK_EQUAL(rec->count(), static_cast<std::size_t>(threads * per_thread + 1));
}

BOOST_AUTO_TEST_SUITE_END()
