// The queue behind topic receivers and receivers of another node's bus
// (shared/waitable_queue.hpp): drop-oldest with an exact lag count that
// includes losses upstream, a reader that waits and is woken, and an end.
#include "shared/waitable_queue.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using astrid::bus::event_ptr;
using astrid::bus::detail::waitable_queue;

namespace {

event_ptr numbered(int n) {
  return std::make_shared<const astrid::event>(astrid::event{
      astrid::event_metadata::make("test"), astrid::events::custom{"n", nlohmann::json(n)}});
}

int number(const event_ptr& ev) {
  return std::get<astrid::events::custom>(ev->data).data.get<int>();
}

std::vector<int> read_all(waitable_queue& q, std::uint64_t& lagged) {
  std::vector<event_ptr> out;
  lagged = q.read(out, 1000, nullptr);
  std::vector<int> numbers;
  for (auto& ev : out) numbers.push_back(number(ev));
  return numbers;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(waitable_queues)

BOOST_AUTO_TEST_CASE(a_full_queue_drops_the_oldest_and_counts_each_loss) {
  waitable_queue q{3};
  for (int i = 0; i < 5; ++i) q.push(numbered(i));
  std::uint64_t lagged = 0;
  BOOST_TEST((read_all(q, lagged) == std::vector<int>{2, 3, 4}));
  BOOST_TEST(lagged == 2u);  // read reports, does not drain
  BOOST_TEST(q.drain_lagged() == 2u);
  BOOST_TEST(q.drain_lagged() == 0u);
}

BOOST_AUTO_TEST_CASE(losses_upstream_add_to_the_same_exact_count) {
  waitable_queue q{2};
  std::vector<event_ptr> batch{numbered(1), numbered(2), numbered(3)};
  q.push_all(batch.begin(), batch.end(), 7, [](event_ptr& ev) { return std::move(ev); });
  std::uint64_t lagged = 0;
  BOOST_TEST((read_all(q, lagged) == std::vector<int>{2, 3}));
  BOOST_TEST(q.drain_lagged() == 8u);  // 7 on the owning node, 1 here
}

BOOST_AUTO_TEST_CASE(an_idle_queue_reads_nothing_without_waiting) {
  waitable_queue q{4};
  std::uint64_t lagged = 1;
  BOOST_TEST(read_all(q, lagged).empty());
  BOOST_TEST(lagged == 0u);
  BOOST_TEST(!q.closed());
}

BOOST_AUTO_TEST_CASE(a_waiting_reader_is_woken_by_the_push_that_owes_it_a_wake) {
  waitable_queue q{4};
  auto reader = std::async(std::launch::async, [&] {
    std::vector<event_ptr> out;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    q.read(out, 10, &deadline);
    return out.size();
  });
  while (!q.reader_waiting()) std::this_thread::yield();  // it sleeps now
  BOOST_TEST(q.push(numbered(1)));   // the first push owes it a wake
  BOOST_TEST(!q.push(numbered(2)));  // one wake covers the burst
  q.wake();
  BOOST_TEST(reader.get() >= 1u);
}

BOOST_AUTO_TEST_CASE(closing_ends_a_waiting_read_and_keeps_what_was_queued) {
  waitable_queue q{4};
  q.push(numbered(1));
  q.close();
  BOOST_TEST(q.closed());
  std::vector<event_ptr> out;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  q.read(out, 10, &deadline);
  BOOST_TEST(out.size() == 1u);
  out.clear();
  q.read(out, 10, &deadline);  // closed and empty: returns at once
  BOOST_TEST(out.empty());
}

BOOST_AUTO_TEST_CASE(a_queue_of_no_capacity_is_refused) {
  BOOST_CHECK_THROW(waitable_queue{0}, std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
