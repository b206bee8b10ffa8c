// Objects made by make_home_shared (shared/home_shared.hpp) are destroyed
// on the thread that made them, never twice, never leaked: released at
// home, at once; released elsewhere, at the home thread's next make or
// exit; with the home gone or full, by whoever releases them.
#include "shared/home_shared.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

using astrid::bus::detail::home;
using astrid::bus::detail::make_home_shared;

namespace {

std::atomic<int> destroyed{0};
std::mutex where_mutex;
std::vector<std::thread::id> where;  // the thread of each destruction

struct traced {
  int value;
  explicit traced(int v) : value{v} {}
  traced(const traced&) = delete;
  ~traced() {
    std::lock_guard<std::mutex> guard{where_mutex};
    where.push_back(std::this_thread::get_id());
    destroyed.fetch_add(1);
  }
};

struct throwing {
  throwing() { throw std::runtime_error{"no"}; }
  ~throwing() { destroyed.fetch_add(1); }
};

// Starts from a clean slate: homes on (whatever the allocator), nothing
// handed back to this thread, no count.
void reset() {
  home::enable(true);
  home::reclaim_current();
  destroyed = 0;
  std::lock_guard<std::mutex> guard{where_mutex};
  where.clear();
}

std::vector<std::thread::id> destroyed_where() {
  std::lock_guard<std::mutex> guard{where_mutex};
  return where;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(home_shared)

BOOST_AUTO_TEST_CASE(an_object_released_on_its_own_thread_is_destroyed_at_once) {
  reset();
  auto p = make_home_shared<traced>(1);
  BOOST_TEST(p->value == 1);
  p.reset();
  BOOST_TEST(destroyed == 1);
}

BOOST_AUTO_TEST_CASE(an_object_released_elsewhere_is_destroyed_at_home_on_the_next_make) {
  reset();
  auto p = make_home_shared<traced>(1);
  std::thread{[q = std::move(p)]() mutable { q.reset(); }}.join();
  BOOST_TEST(destroyed == 0);  // waits for its home thread
  auto next = make_home_shared<traced>(2);
  BOOST_TEST(destroyed == 1);
  BOOST_TEST((destroyed_where() == std::vector<std::thread::id>{std::this_thread::get_id()}));
  BOOST_TEST(next->value == 2);
}

BOOST_AUTO_TEST_CASE(what_was_handed_back_is_destroyed_when_the_home_thread_exits) {
  reset();
  std::promise<std::shared_ptr<traced>> made;
  std::promise<void> released;
  std::thread::id maker;
  std::thread t{[&] {
    maker = std::this_thread::get_id();
    made.set_value(make_home_shared<traced>(1));
    released.get_future().wait();
  }};
  auto p = made.get_future().get();
  p.reset();  // handed back to the maker, still alive
  BOOST_TEST(destroyed == 0);
  released.set_value();
  t.join();
  BOOST_TEST(destroyed == 1);
  BOOST_TEST((destroyed_where() == std::vector<std::thread::id>{maker}));
}

BOOST_AUTO_TEST_CASE(an_object_whose_home_thread_exited_is_destroyed_by_its_releaser) {
  reset();
  std::shared_ptr<traced> p;
  std::thread{[&] { p = make_home_shared<traced>(1); }}.join();
  p.reset();
  BOOST_TEST(destroyed == 1);
  BOOST_TEST((destroyed_where() == std::vector<std::thread::id>{std::this_thread::get_id()}));
}

BOOST_AUTO_TEST_CASE(a_home_holds_at_most_max_returned_objects) {
  reset();
  constexpr int extra = 10;
  std::vector<std::shared_ptr<traced>> made;
  for (int i = 0; i < static_cast<int>(home::max_returned) + extra; ++i)
    made.push_back(make_home_shared<traced>(i));
  std::thread{[all = std::move(made)]() mutable { all.clear(); }}.join();
  BOOST_TEST(destroyed == extra);  // beyond the bound: by the releasing thread
  home::reclaim_current();
  BOOST_TEST(destroyed == static_cast<int>(home::max_returned) + extra);
}

BOOST_AUTO_TEST_CASE(with_homes_off_an_object_is_destroyed_by_its_releaser) {
  reset();
  home::enable(false);
  auto p = make_home_shared<traced>(1);
  std::thread::id releaser;
  std::thread{[&releaser, q = std::move(p)]() mutable {
    releaser = std::this_thread::get_id();
    q.reset();
  }}.join();
  home::enable(true);
  BOOST_TEST(destroyed == 1);
  BOOST_TEST((destroyed_where() == std::vector<std::thread::id>{releaser}));
}

BOOST_AUTO_TEST_CASE(a_constructor_that_throws_leaves_nothing_behind) {
  reset();
  BOOST_CHECK_THROW(make_home_shared<throwing>(), std::runtime_error);
  BOOST_TEST(destroyed == 0);
  auto p = make_home_shared<traced>(3);  // the next make is unaffected
  BOOST_TEST(p->value == 3);
}

BOOST_AUTO_TEST_CASE(objects_crossing_between_many_threads_are_each_destroyed_once) {
  reset();
  constexpr int makers = 4, per_maker = 5000, releasers = 2;
  std::mutex m;
  std::vector<std::shared_ptr<traced>> passing;
  std::atomic<int> makers_done{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < makers; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < per_maker; ++k) {
        auto p = make_home_shared<traced>(k);
        std::lock_guard<std::mutex> guard{m};
        passing.push_back(std::move(p));
      }
      makers_done.fetch_add(1);
    });
  for (int i = 0; i < releasers; ++i)
    threads.emplace_back([&] {
      for (;;) {
        std::vector<std::shared_ptr<traced>> taken;
        const bool last = makers_done.load() == makers;
        {
          std::lock_guard<std::mutex> guard{m};
          taken.swap(passing);
        }
        taken.clear();  // released here, destroyed at home or here
        if (last) {
          std::lock_guard<std::mutex> guard{m};
          if (passing.empty()) return;
        }
        std::this_thread::yield();
      }
    });
  for (auto& t : threads) t.join();
  BOOST_TEST(passing.empty());
  BOOST_TEST(destroyed == makers * per_maker);  // the makers' exits took the rest
}

BOOST_AUTO_TEST_SUITE_END()
