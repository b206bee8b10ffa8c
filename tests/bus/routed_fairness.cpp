// Routed subscriptions under load, through the facade: many principals,
// one loud principal against a quiet one, a scoped audit route over mixed
// traffic, and the 1 MiB bound under a random flood (property). Plus the
// route object itself: a blocked reader is woken by its own events only.
#include "bus/routed_helpers.hpp"


#include <boost/test/unit_test.hpp>

#include <future>
#include <random>
#include <thread>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

constexpr std::size_t route_budget = std::size_t{1} << 20;

routed_receiver route_of(event_bus& bus, std::optional<std::string> scope = std::nullopt,
                         std::string capsule = "capsule-load") {
  return bus.subscribe_routed(astrid::uuid::random(), "t.*", std::move(capsule), "sub-load",
                              std::move(scope));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(routed_fairness, test::bus_fixture)

BOOST_AUTO_TEST_CASE(five_thousand_principals_publishing_once_are_drained_by_one_drain) {
  auto rx = route_of(bus());
  for (int i = 0; i < 5000; ++i) bus().publish(routed_ipc("user-" + std::to_string(i), i));
  BOOST_CHECK_EQUAL(rx.queued_principals(), 5000u);  // 5,000 queues, allocated on demand
  auto got = rx.try_drain(route_budget);
  BOOST_CHECK_EQUAL(got.size(), 5000u);
  BOOST_CHECK_EQUAL(rx.queued_principals(), 0u);  // and none left behind
  BOOST_CHECK_EQUAL(rx.queued_bytes(), 0u);
}

BOOST_AUTO_TEST_CASE(a_quiet_principal_gets_its_fair_share_in_every_drain_against_100x_flood) {
  auto rx = route_of(bus());
  constexpr std::size_t drain_budget = 8 * 1024;
  std::size_t loud_seen = 0;
  for (int round = 0; round < 20; ++round) {
    bus().publish(sized_ipc("quiet", 1024));
    for (int i = 0; i < 100; ++i) bus().publish(sized_ipc("agent.loud", 1024));
    auto got = rx.try_drain(drain_budget);
    std::size_t quiet_bytes = 0;
    std::size_t total = 0;
    for (const auto& e : got) {
      total += size_of(*e);
      if (principal_of(*e) == "quiet") quiet_bytes += size_of(*e);
      else ++loud_seen;
    }
    BOOST_TEST_CONTEXT("round " << round) {
      BOOST_CHECK_EQUAL(quiet_bytes, 1024u);  // all it had: less than its half of the budget
      BOOST_CHECK_LE(total, drain_budget);
    }
  }
  BOOST_CHECK_GT(loud_seen, 0u);
}

BOOST_AUTO_TEST_CASE(a_scoped_audit_route_over_alice_bob_and_system_events_yields_only_alices) {
  auto audit = route_of(bus(), "alice", "audit");
  auto all = route_of(bus());
  std::mt19937 rng{7};
  std::vector<std::int64_t> alices;
  for (int i = 0; i < 600; ++i) {
    switch (rng() % 3) {
      case 0:
        bus().publish(routed_ipc("alice", i));
        alices.push_back(i);
        break;
      case 1: bus().publish(routed_ipc("bob", i)); break;
      default: bus().publish(routed_ipc(std::nullopt, i)); break;
    }
    if (i % 200 == 199) all.try_drain(route_budget);  // keep the unscoped one under its caps
  }
  std::vector<std::int64_t> got;
  while (auto ev = audit.try_recv()) {
    BOOST_CHECK_EQUAL(principal_of(**ev), "alice");
    got.push_back(number_of(**ev));
  }
  BOOST_CHECK(got == alices);  // every one of alice's, in order, and nothing else
}

BOOST_AUTO_TEST_CASE(eviction_keeps_a_route_under_1_mib_at_all_times_under_a_random_flood) {
  auto rx = route_of(bus(), std::nullopt, "capsule-flood");
  std::mt19937 rng{2024};
  const std::vector<std::optional<std::string>> who{std::nullopt, "alice", "bob", "agent.a",
                                                    "agent:b", "carol"};
  std::size_t drained = 0;
  constexpr std::size_t publishes = 800;
  for (std::size_t i = 0; i < publishes; ++i) {
    const auto& principal = who[rng() % who.size()];
    std::size_t bytes = 16 + rng() % (64 * 1024);
    if (rng() % 50 == 0) bytes = route_budget + 1 + rng() % 1024;  // oversize: rejected
    if (rng() % 5 == 0) bytes = 16 + rng() % 64;                    // tiny: many per principal
    bus().publish(sized_ipc(principal, bytes));
    BOOST_REQUIRE_LE(rx.queued_bytes(), route_budget);
    if (rng() % 40 == 0) drained += rx.try_drain(64 * 1024).size();
  }
  drained += rx.try_drain(route_budget).size();
  const auto stats = bus().stats();
  BOOST_CHECK_GT(stats.routed_evicted_total(), 0u);
  BOOST_CHECK_GT(stats.routed_rejected_total(), 0u);
  // Every event is accounted for: drained, evicted or rejected.
  BOOST_CHECK_EQUAL(drained + stats.routed_evicted_total() + stats.routed_rejected_total(),
                    publishes);
}

BOOST_AUTO_TEST_SUITE_END()

