// The queue event_bus::post fills and the bus actor drains
// (shared/post_queue.hpp): only the post that finds it empty asks for a
// drain, a drain takes everything in order, and posts from several threads
// all arrive, each thread's in its order.
#include "shared/post_queue.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <thread>
#include <vector>

using astrid::bus::detail::post_queue;

namespace {

post_queue::item numbered(int n) {
  return std::make_shared<astrid::event>(
      astrid::event{astrid::event_metadata::make("test"), astrid::events::custom{"n", n}});
}

int number(const post_queue::item& ev) {
  return std::get<astrid::events::custom>(ev->data).data.get<int>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(post_queues)

BOOST_AUTO_TEST_CASE(only_the_post_that_finds_the_queue_empty_asks_for_a_drain) {
  post_queue q;
  BOOST_TEST(q.push(numbered(1)));
  BOOST_TEST(!q.push(numbered(2)));
  BOOST_TEST(!q.push(numbered(3)));
  std::vector<post_queue::item> out;
  q.take(out);
  BOOST_REQUIRE(out.size() == 3u);
  for (int i = 0; i < 3; ++i) BOOST_TEST(number(out[i]) == i + 1);
  BOOST_TEST(q.push(numbered(4)));  // empty again: this one asks anew
}

BOOST_AUTO_TEST_CASE(posts_from_several_threads_all_arrive_each_in_its_order) {
  post_queue q;
  constexpr int threads = 4, per_thread = 5000;
  std::vector<std::thread> producers;
  for (int t = 0; t < threads; ++t)
    producers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) q.push(numbered(t * per_thread + i));
    });
  std::vector<post_queue::item> all, batch;
  while (all.size() < std::size_t{threads * per_thread}) {
    q.take(batch);
    all.insert(all.end(), batch.begin(), batch.end());
    batch.clear();
    if (all.size() < std::size_t{threads * per_thread}) std::this_thread::yield();
  }
  for (auto& p : producers) p.join();
  std::map<int, int> last;
  for (const auto& ev : all) {
    const int n = number(ev), t = n / per_thread;
    BOOST_REQUIRE(!last.count(t) || last[t] < n);
    last[t] = n;
  }
  BOOST_TEST(all.size() == std::size_t{threads * per_thread});
}

BOOST_AUTO_TEST_SUITE_END()
