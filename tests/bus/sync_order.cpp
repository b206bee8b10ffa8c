// BEHAVIOUR.md, "One order for everything synchronous": a publish does not
// return while an earlier publish's sync observation is still running, and
// every sync subscriber sees events in one order. Upstream learnt this from
// a disconnect that overtook its connect.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <future>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

// A sync subscriber that records what it sees and, on event `hold_on`,
// holds its handler until released.
class holding_subscriber : public subscriber {
 public:
  explicit holding_subscriber(std::int64_t hold_on) : hold_on_{hold_on} {}

  void on_event(const astrid::event& ev, bus_context&) override {
    const auto n = number_of(ev);
    std::unique_lock<std::mutex> lock{mutex_};
    seen_.push_back(n);
    cv_.notify_all();
    if (n != hold_on_) return;
    holding_ = true;
    cv_.notify_all();
    cv_.wait(lock, [&] { return released_; });
    holding_ = false;
    finished_hold_ = true;
  }

  bool wait_until_holding() {
    std::unique_lock<std::mutex> lock{mutex_};
    return cv_.wait_for(lock, 30s, [&] { return holding_; });
  }
  void release() {
    {
      std::lock_guard<std::mutex> guard{mutex_};
      released_ = true;
    }
    cv_.notify_all();
  }
  bool finished_hold() {
    std::lock_guard<std::mutex> guard{mutex_};
    return finished_hold_;
  }
  std::vector<std::int64_t> seen() {
    std::lock_guard<std::mutex> guard{mutex_};
    return seen_;
  }
  bool wait_for_seen(std::size_t n) {
    std::unique_lock<std::mutex> lock{mutex_};
    return cv_.wait_for(lock, 30s, [&] { return seen_.size() >= n; });
  }

 private:
  const std::int64_t hold_on_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::int64_t> seen_;
  bool holding_ = false, released_ = false, finished_hold_ = false;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sync_order, test::bus_fixture)

BOOST_AUTO_TEST_CASE(a_publish_waits_for_an_earlier_publishs_sync_observation_to_finish) {
  auto slow = std::make_shared<holding_subscriber>(1);   // holds inside A
  auto quick = std::make_shared<holding_subscriber>(-2);  // never holds
  bus().add_subscriber(slow);
  bus().add_subscriber(quick);
  auto a = std::async(std::launch::async, [&] { return bus().publish(custom("a", 1)); });
  BOOST_REQUIRE(slow->wait_until_holding());
  bool a_done_when_b_returned = false;
  auto b = std::async(std::launch::async, [&] {
    bus().publish(custom("b", 2));
    a_done_when_b_returned = slow->finished_hold();
  });
  BOOST_REQUIRE(quick->wait_for_seen(2));  // B was handed out to the sync subscribers
  BOOST_TEST((b.wait_for(0s) != std::future_status::ready));  // yet B waits for A's observation
  slow->release();
  a.get();
  b.get();
  BOOST_TEST(a_done_when_b_returned);
  BOOST_TEST((slow->seen() == std::vector<std::int64_t>{1, 2}));
  BOOST_TEST((quick->seen() == std::vector<std::int64_t>{1, 2}));
}

BOOST_AUTO_TEST_CASE(every_sync_subscriber_sees_events_from_many_threads_in_one_order) {
  std::vector<std::shared_ptr<holding_subscriber>> subs;
  for (int i = 0; i < 3; ++i) {
    subs.push_back(std::make_shared<holding_subscriber>(-1));
    bus().add_subscriber(subs.back());
  }
  std::vector<std::future<void>> publishers;
  for (int t = 0; t < 4; ++t)
    publishers.push_back(std::async(std::launch::async, [&, t] {
      for (int i = 0; i < 50; ++i) bus().publish(custom("n", t * 1000 + i));
    }));
  for (auto& p : publishers) p.get();
  const auto order = subs[0]->seen();
  BOOST_REQUIRE_EQUAL(order.size(), 200u);
  for (auto& s : subs) BOOST_TEST((s->seen() == order));
}

BOOST_AUTO_TEST_SUITE_END()
