// BEHAVIOUR.md, "Routed subscriptions": one case per line, through the
// facade. publish() returns after fan-out, so once it returns every route
// already holds (or refused) the event: no sleeps, no timing thresholds.
#include "bus/routed_helpers.hpp"

#include <astrid/messages/codec.hpp>

#include <boost/test/unit_test.hpp>

#include <future>
#include <thread>
#include <set>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

constexpr std::size_t route_budget = std::size_t{1} << 20;

routed_receiver route_of(event_bus& bus, std::string pattern = "t.*",
                         std::optional<std::string> scope = std::nullopt,
                         std::string capsule = "capsule-a") {
  return bus.subscribe_routed(astrid::uuid::random(), std::move(pattern), std::move(capsule),
                              "sub-a", std::move(scope));
}

std::vector<std::int64_t> numbers(const std::vector<event_ptr>& evs) {
  std::vector<std::int64_t> out;
  for (const auto& e : evs) out.push_back(number_of(*e));
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(routed_subscriptions, test::bus_fixture)

BOOST_AUTO_TEST_CASE(five_routed_subscriptions_to_t_star_each_receive_all_ten_of_ten_events) {
  std::vector<routed_receiver> routes;
  for (int i = 0; i < 5; ++i) routes.push_back(route_of(bus()));
  BOOST_CHECK_EQUAL(bus().routed_subscription_count(), 5u);
  for (int i = 0; i < 10; ++i) BOOST_CHECK_EQUAL(bus().publish(routed_ipc("alice", i)), 5u);
  for (auto& rx : routes) {
    auto got = rx.try_drain(route_budget);
    BOOST_CHECK_EQUAL(got.size(), 10u);
    BOOST_CHECK(numbers(got) == (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  }
}

BOOST_AUTO_TEST_CASE(queues_are_per_principal_allocated_on_demand_and_freed_when_empty) {
  auto rx = route_of(bus());
  BOOST_CHECK_EQUAL(rx.queued_principals(), 0u);
  for (int i = 0; i < 20; ++i) bus().publish(routed_ipc("alice", i));
  BOOST_CHECK_EQUAL(rx.queued_principals(), 1u);  // a burst from alice: one queue
  bus().publish(routed_ipc("bob", 100));
  bus().publish(routed_ipc(std::nullopt, 200));
  BOOST_CHECK_EQUAL(rx.queued_principals(), 3u);
  BOOST_CHECK_EQUAL(rx.try_drain(route_budget).size(), 22u);
  BOOST_CHECK_EQUAL(rx.queued_principals(), 0u);  // idle principals cost nothing
  BOOST_CHECK_EQUAL(rx.queued_bytes(), 0u);
}

BOOST_AUTO_TEST_CASE(draining_serves_principals_by_drr_so_a_flood_cannot_starve_another) {
  auto rx = route_of(bus());
  for (int i = 0; i < 200; ++i) bus().publish(sized_ipc("flood", 1024));
  bus().publish(sized_ipc("quiet", 1024));
  // One drain of 8 KiB: quantum 4 KiB per principal, so the quiet one's
  // event comes out now although 200 older events of the flood wait.
  auto got = rx.try_drain(8 * 1024);
  std::size_t quiet = 0;
  for (const auto& e : got) quiet += principal_of(*e) == "quiet" ? 1 : 0;
  BOOST_CHECK_EQUAL(quiet, 1u);
  BOOST_CHECK_LE(got.size(), 8u);
}

BOOST_AUTO_TEST_CASE(a_full_route_evicts_the_head_that_waited_longest_counts_and_logs_it) {
  log_capture::clear();
  auto rx = route_of(bus(), "t.*", std::nullopt, "capsule-evict");
  for (int i = 0; i < 10; ++i) bus().publish(sized_ipc("alice", 100'000));  // 1,000,000 bytes
  bus().publish(sized_ipc("agent.bob", 100'000));  // does not fit: alice's oldest goes
  BOOST_CHECK_EQUAL(rx.queued_events(), 10u);
  BOOST_CHECK_LE(rx.queued_bytes(), route_budget);
  const auto stats = bus().stats();
  BOOST_CHECK_EQUAL(stats.routed_evicted.at("capsule-evict").at("user"), 1u);
  BOOST_CHECK_EQUAL(stats.routed_evicted_total(), 1u);
  BOOST_CHECK(log_capture::contains(
      {"security", "capsule=capsule-evict", "principal_class=user", "evicted=1"}));
  std::size_t bobs = 0;
  for (const auto& e : rx.try_drain(route_budget)) bobs += principal_of(*e) == "agent.bob";
  BOOST_CHECK_EQUAL(bobs, 1u);
}

BOOST_AUTO_TEST_CASE(a_message_larger_than_the_route_budget_is_rejected_outright) {
  log_capture::clear();
  auto rx = route_of(bus(), "t.*", std::nullopt, "capsule-big");
  bus().publish(routed_ipc("agent.x", 1));
  BOOST_CHECK_EQUAL(bus().publish(sized_ipc("agent.x", route_budget + 1)), 0u);
  BOOST_CHECK_EQUAL(rx.queued_events(), 1u);  // nothing evicted for it either
  const auto stats = bus().stats();
  BOOST_CHECK_EQUAL(stats.routed_rejected.at("capsule-big").at("agent"), 1u);
  BOOST_CHECK_EQUAL(stats.routed_evicted_total(), 0u);
  BOOST_CHECK(
      log_capture::contains({"capsule=capsule-big", "principal_class=agent", "rejected=1"}));
  BOOST_CHECK_EQUAL(bus().publish(sized_ipc("agent.x", route_budget)), 1u);  // exactly fits
}

BOOST_AUTO_TEST_CASE(a_per_principal_queue_holds_at_most_its_configured_cap) {
  bus_config cfg;
  cfg.routed_principal_cap = 256;  // the reference 0.8.0's cap
  reset_bus(cfg);
  auto rx = route_of(bus(), "t.*", std::nullopt, "capsule-cap");
  for (int i = 0; i < 300; ++i) bus().publish(routed_ipc(std::nullopt, i));
  BOOST_CHECK_EQUAL(rx.queued_events(), 256u);
  BOOST_CHECK_EQUAL(bus().stats().routed_evicted.at("capsule-cap").at("system"), 44u);
  auto got = numbers(rx.try_drain(route_budget));
  BOOST_REQUIRE_EQUAL(got.size(), 256u);
  BOOST_CHECK_EQUAL(got.front(), 44);  // the oldest were dropped, order kept
  BOOST_CHECK_EQUAL(got.back(), 299);
}

BOOST_AUTO_TEST_CASE(a_token_stream_of_a_few_thousand_events_loses_nothing_by_default) {
  // Why 0.9.4 raised the cap: an LLM stream bursts thousands of small
  // deltas; at 256 the oldest, and with them the stream's order, were lost.
  BOOST_CHECK_EQUAL(bus().config().routed_principal_cap, 16384u);
  auto rx = route_of(bus(), "t.*", std::nullopt, "capsule-stream");
  for (int i = 0; i < 3000; ++i) bus().publish(routed_ipc("agent.llm", i));
  BOOST_CHECK_EQUAL(rx.queued_events(), 3000u);
  BOOST_CHECK_EQUAL(bus().stats().routed_evicted_total(), 0u);
  auto got = numbers(rx.try_drain(route_budget));
  BOOST_REQUIRE_EQUAL(got.size(), 3000u);
  BOOST_CHECK_EQUAL(got.back(), 2999);  // the terminal event included
}

BOOST_AUTO_TEST_CASE(a_message_size_is_the_guest_bytes_of_its_payload_plus_its_topic) {
  auto rx = route_of(bus());
  astrid::ipc_message msg;
  msg.topic = "t.size";
  msg.payload = astrid::payloads::custom{nlohmann::json("hello")};
  BOOST_CHECK_EQUAL(astrid::to_guest_bytes(msg.payload), "\"hello\"");
  bus().publish(astrid::make_ipc_event(msg));
  BOOST_CHECK_EQUAL(rx.queued_bytes(), 7u + 6u);
  BOOST_CHECK_EQUAL(rx.queued_bytes(), astrid::ipc_size(msg));
}

BOOST_AUTO_TEST_CASE(a_scoped_subscription_admits_only_its_own_principals_events) {
  auto alice = route_of(bus(), "t.*", "alice");
  auto everyone = route_of(bus());
  BOOST_CHECK_EQUAL(bus().publish(routed_ipc("bob", 1)), 1u);  // only the unscoped route
  BOOST_CHECK_EQUAL(bus().publish(routed_ipc(std::nullopt, 2)), 1u);
  BOOST_CHECK_EQUAL(bus().publish(routed_ipc("alice", 3)), 2u);
  BOOST_CHECK(numbers(alice.try_drain(route_budget)) == (std::vector<std::int64_t>{3}));
  BOOST_CHECK_EQUAL(everyone.try_drain(route_budget).size(), 3u);
}

BOOST_AUTO_TEST_CASE(the_system_scope_admits_only_events_without_a_principal) {
  auto system = route_of(bus(), "t.*", std::string{routed_system_scope});
  bus().publish(routed_ipc("alice", 1));
  bus().publish(routed_ipc(std::nullopt, 2));
  bus().publish(routed_ipc("system", 3));  // a principal named "system" is not the system
  BOOST_CHECK(numbers(system.try_drain(route_budget)) == (std::vector<std::int64_t>{2}));
}

BOOST_AUTO_TEST_CASE(a_scoped_subscription_is_not_woken_by_foreign_events) {
  auto rx = route_of(bus(), "t.*", "alice");
  bus().publish(routed_ipc("bob", 1));
  bus().publish(routed_ipc(std::nullopt, 2));
  BOOST_CHECK(!rx.recv(20ms));
  BOOST_CHECK_EQUAL(rx.wakeups(), 0u);
  BOOST_CHECK_EQUAL(rx.queued_events(), 0u);
  // The same, with the receiver blocked while the foreign events arrive:
  // it is woken once, by alice's event, never by the foreign ones.
  auto waiting = std::async(std::launch::async, [&] { return rx.recv(60s); });
  while (!rx.waiting()) std::this_thread::yield();  // it sleeps now
  bus().publish(routed_ipc("bob", 3));
  bus().publish(routed_ipc(std::nullopt, 4));
  BOOST_CHECK_EQUAL(rx.wakeups(), 0u);
  BOOST_CHECK(rx.waiting());  // still asleep: nothing foreign reached it
  bus().publish(routed_ipc("alice", 5));
  auto ev = waiting.get();
  BOOST_REQUIRE(ev);
  BOOST_CHECK_EQUAL(number_of(**ev), 5);
  BOOST_CHECK_EQUAL(rx.wakeups(), 1u);  // woken once, by alice's event
}

BOOST_AUTO_TEST_CASE(recv_wakes_on_publish_and_times_out_when_idle) {
  auto rx = route_of(bus());
  BOOST_CHECK(!rx.recv(10ms));
  auto waiting = std::async(std::launch::async, [&] { return rx.recv(60s); });
  bus().publish(routed_ipc("alice", 7));
  auto ev = waiting.get();
  BOOST_REQUIRE(ev);
  BOOST_CHECK_EQUAL(number_of(**ev), 7);
  BOOST_CHECK(!rx.try_recv());
}

BOOST_AUTO_TEST_CASE(dropping_the_receiver_removes_its_route_from_the_bus) {
  {
    auto rx = route_of(bus());
    BOOST_CHECK_EQUAL(bus().routed_subscription_count(), 1u);
    BOOST_CHECK_EQUAL(bus().publish(routed_ipc("alice", 1)), 1u);
  }
  BOOST_CHECK_EQUAL(bus().routed_subscription_count(), 0u);
  BOOST_CHECK_EQUAL(bus().publish(routed_ipc("alice", 2)), 0u);
}

BOOST_AUTO_TEST_CASE(recv_returns_exactly_one_event_and_leaves_the_rest_queued) {
  auto rx = route_of(bus());
  std::set<std::int64_t> sent;
  for (int i = 0; i < 30; ++i) {
    const std::string who = i % 3 == 0 ? "alice" : i % 3 == 1 ? "bob" : "agent.carol";
    bus().publish(routed_ipc(who, i));
    sent.insert(i);
  }
  std::set<std::int64_t> got;
  for (std::size_t left = 30; left > 0; --left) {
    BOOST_REQUIRE_EQUAL(rx.queued_events(), left);
    auto ev = rx.recv(10s);
    BOOST_REQUIRE(ev);
    got.insert(number_of(**ev));
  }
  BOOST_CHECK(got == sent);  // none lost by receiving one at a time
  BOOST_CHECK(!rx.try_recv());
}

BOOST_AUTO_TEST_CASE(the_routed_path_does_not_disturb_broadcast_receivers) {
  auto all = bus().subscribe();
  auto topic = bus().subscribe_topic("t.*");
  auto scoped = route_of(bus(), "t.*", "alice");
  auto unscoped = route_of(bus());
  for (int i = 0; i < 12; ++i) bus().publish(routed_ipc(i % 2 ? "alice" : "bob", i));
  bus().publish(lifecycle());
  auto everything = test::bus_fixture::recv_n(all, 13, 5s);
  BOOST_REQUIRE_EQUAL(everything.size(), 13u);
  for (int i = 0; i < 12; ++i) BOOST_CHECK_EQUAL(number_of(*everything[i]), i);
  BOOST_CHECK_EQUAL(test::bus_fixture::recv_n(topic, 12, 5s).size(), 12u);
  BOOST_CHECK_EQUAL(scoped.try_drain(route_budget).size(), 6u);
  BOOST_CHECK_EQUAL(unscoped.try_drain(route_budget).size(), 12u);
  BOOST_CHECK_EQUAL(bus().subscriber_count(), 2u);  // routes are counted apart
  BOOST_CHECK_EQUAL(bus().routed_subscription_count(), 2u);
}

BOOST_AUTO_TEST_CASE(a_routed_receiver_outliving_its_bus_drains_then_reports_closed) {
  auto rx = route_of(bus());
  bus().publish(routed_ipc("alice", 1));
  BOOST_CHECK(!rx.closed());
  drop_bus();
  BOOST_CHECK(rx.closed());
  auto ev = rx.recv(10s);
  BOOST_REQUIRE(ev);
  BOOST_CHECK_EQUAL(number_of(**ev), 1);
  BOOST_CHECK(!rx.recv(10s));  // at once: closed and empty
}

BOOST_AUTO_TEST_SUITE_END()
