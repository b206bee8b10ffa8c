// The routed subscriptions as the topic router holds them
// (actors/local/route_table.hpp): the scope is checked before anything is
// queued, so a blocked scoped reader is woken by its own principal only; a
// route whose reader let go takes and counts nothing while its detach is
// on the way.
#include "actors/local/route_table.hpp"
#include "support/events.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

BOOST_AUTO_TEST_SUITE(routed_route)

BOOST_AUTO_TEST_CASE(a_blocked_scoped_reader_is_woken_by_its_principal_only) {
  detail::bus_shared shared{bus_config{}};
  detail::route_table table;
  auto queue = std::make_shared<detail::route>(routed_scope::principal("alice"));
  table.add(1, "t.*", queue, detail::route_owner{astrid::uuid::nil(), "capsule", "reader"});
  auto reader = std::async(std::launch::async, [&] {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    return queue->next(&deadline);
  });
  while (!queue->reader_waiting()) std::this_thread::yield();  // it sleeps now
  auto offer = [&](std::optional<std::string> principal, std::int64_t n) {
    auto ev = std::make_shared<const astrid::event>(routed_ipc(std::move(principal), n));
    std::optional<std::size_t> size;
    return table.deliver(shared, 1, ev, *astrid::as_ipc(*ev), size);
  };
  BOOST_CHECK((offer("bob", 1) == detail::route_delivery::skipped));
  BOOST_CHECK((offer(std::nullopt, 2) == detail::route_delivery::skipped));
  BOOST_CHECK_EQUAL(queue->wakes(), 0u);
  BOOST_CHECK(queue->reader_waiting());  // still asleep: nothing foreign reached it
  BOOST_CHECK((offer("alice", 3) == detail::route_delivery::handed));
  auto ev = reader.get();
  BOOST_REQUIRE(ev);
  BOOST_CHECK_EQUAL(number_of(**ev), 3);
  BOOST_CHECK_EQUAL(queue->wakes(), 1u);
  std::optional<std::size_t> size;
  BOOST_CHECK((table.deliver(shared, 2, *ev, *astrid::as_ipc(**ev), size) ==
               detail::route_delivery::not_a_route));  // id 2 is no route
}

BOOST_AUTO_TEST_CASE(a_closed_route_is_no_receiver_before_its_detach_arrives) {
  detail::bus_shared shared{bus_config{}};
  detail::route_table table;
  auto queue = std::make_shared<detail::route>();
  table.add(1, "t.*", queue, detail::route_owner{astrid::uuid::nil(), "capsule", "reader"});
  auto ev = std::make_shared<const astrid::event>(routed_ipc("alice", 1));
  std::optional<std::size_t> size;
  BOOST_CHECK((table.deliver(shared, 1, ev, *astrid::as_ipc(*ev), size) ==
               detail::route_delivery::handed));
  queue->close();  // what dropping its lease does first
  BOOST_CHECK((table.deliver(shared, 1, ev, *astrid::as_ipc(*ev), size) ==
               detail::route_delivery::skipped));
  BOOST_CHECK_EQUAL(queue->drain(1 << 20).size(), 1u);  // only what came before the close
  bus_stats stats;
  shared.metrics.fill(stats);
  BOOST_CHECK(stats.routed_rejected.empty());  // not a rejection
}

BOOST_AUTO_TEST_SUITE_END()
