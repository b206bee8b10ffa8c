// BEHAVIOUR.md, "Routed subscriptions", the 0.10 lines: the four scopes and
// admission gates, through the options form of subscribe_routed, on one
// bus and across two nodes. publish() returns after fan-out, so once it
// returns every route already holds (or refused) the event.
#include "bus/routed_helpers.hpp"

#include <astrid/bus/test_fixture.hpp>

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

constexpr std::size_t route_budget = std::size_t{1} << 20;

routed_receiver route_with(event_bus& bus, routed_scope scope,
                           route_gate gate = route_gate::published()) {
  routed_options opts;
  opts.capsule_label = "capsule";
  opts.subscriber_label = "sub";
  opts.scope = std::move(scope);
  opts.gate = std::move(gate);
  return bus.subscribe_routed(astrid::uuid::random(), "t.*", std::move(opts));
}

std::vector<std::int64_t> drained(routed_receiver& rx) {
  std::vector<std::int64_t> out;
  for (const auto& e : rx.try_drain(route_budget)) out.push_back(number_of(*e));
  return out;
}

// Publishes alice's 1, bob's 2 and the system's 3 on `bus`.
void publish_three(event_bus& bus) {
  bus.publish(routed_ipc("alice", 1));
  bus.publish(routed_ipc("bob", 2));
  bus.publish(routed_ipc(std::nullopt, 3));
}

using numbers = std::vector<std::int64_t>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(routed_scopes, test::bus_fixture)

BOOST_AUTO_TEST_CASE(the_everyone_scope_admits_every_principal_and_the_system) {
  auto rx = route_with(bus(), routed_scope::everyone());
  publish_three(bus());
  BOOST_TEST((drained(rx) == numbers{1, 2, 3}));
}

BOOST_AUTO_TEST_CASE(the_system_only_scope_admits_only_events_without_a_principal) {
  auto rx = route_with(bus(), routed_scope::system_only());
  publish_three(bus());
  bus().publish(routed_ipc("system", 4));  // a principal named "system" is not the system
  BOOST_TEST((drained(rx) == numbers{3}));
}

BOOST_AUTO_TEST_CASE(the_principal_scope_admits_that_principal_and_no_system_events) {
  auto rx = route_with(bus(), routed_scope::principal("alice"));
  publish_three(bus());
  BOOST_TEST((drained(rx) == numbers{1}));
  BOOST_TEST((rx.scope() == routed_scope::principal("alice")));
}

BOOST_AUTO_TEST_CASE(the_principal_or_system_scope_admits_that_principal_and_the_system) {
  auto rx = route_with(bus(), routed_scope::principal_or_system("alice"));
  publish_three(bus());
  BOOST_TEST((drained(rx) == numbers{1, 3}));
}

BOOST_AUTO_TEST_CASE(out_of_scope_events_never_wake_the_receiver) {
  auto rx = route_with(bus(), routed_scope::principal_or_system("alice"));
  bus().publish(routed_ipc("bob", 1));
  BOOST_TEST(!rx.recv(20ms));
  BOOST_TEST(rx.wakeups() == 0u);
  BOOST_TEST(rx.queued_events() == 0u);
}

BOOST_AUTO_TEST_CASE(a_malformed_pattern_is_refused_naming_it) {
  BOOST_CHECK_EXCEPTION(bus().subscribe_routed(astrid::uuid::random(), "t..x"),
                        std::invalid_argument, [](const std::invalid_argument& e) {
                          return std::string{e.what()}.find("t..x") != std::string::npos;
                        });
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(route_gates, test::bus_fixture)

BOOST_AUTO_TEST_CASE(a_staged_gate_rejects_matching_events_without_buffering_them) {
  auto gate = route_gate::staged();
  auto rx = route_with(bus(), routed_scope::everyone(), gate);
  BOOST_TEST(!gate.is_published());
  BOOST_TEST(bus().publish(routed_ipc("alice", 1)) == 0u);
  BOOST_TEST(rx.queued_events() == 0u);
  gate.publish();
  bus().publish(routed_ipc("alice", 2));
  BOOST_TEST((drained(rx) == numbers{2}));  // 1 was not kept for later
  BOOST_TEST(bus().stats().lagged_total() == 0u);  // nor counted as lag
}

BOOST_AUTO_TEST_CASE(publishing_a_shared_gate_opens_every_route_behind_it_at_once) {
  auto gate = route_gate::staged();
  std::vector<routed_receiver> routes;
  for (int i = 0; i < 3; ++i) routes.push_back(route_with(bus(), routed_scope::everyone(), gate));
  auto other = route_with(bus(), routed_scope::everyone());  // its own, published gate
  bus().publish(routed_ipc("alice", 1));
  gate.publish();
  BOOST_TEST(bus().publish(routed_ipc("alice", 2)) == 4u);
  for (auto& rx : routes) BOOST_TEST((drained(rx) == numbers{2}));
  BOOST_TEST((drained(other) == numbers{1, 2}));
}

BOOST_AUTO_TEST_CASE(retiring_the_old_gate_before_publishing_the_new_one_prevents_double_delivery) {
  auto old_gate = route_gate::published();
  auto new_gate = route_gate::staged();
  auto old_rx = route_with(bus(), routed_scope::everyone(), old_gate);
  auto new_rx = route_with(bus(), routed_scope::everyone(), new_gate);
  bus().publish(routed_ipc("alice", 1));
  old_gate.retire();
  new_gate.publish();
  bus().publish(routed_ipc("alice", 2));
  BOOST_TEST((drained(old_rx) == numbers{1}));
  BOOST_TEST((drained(new_rx) == numbers{2}));
}

BOOST_AUTO_TEST_CASE(copies_of_a_gate_share_it) {
  auto gate = route_gate::staged();
  auto copy = gate;
  copy.publish();
  BOOST_TEST(gate.is_published());
  BOOST_TEST((gate == copy));
  BOOST_TEST(!(gate == route_gate::staged()));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(remote_routed_scopes_and_gates, test::two_node_fixture)

BOOST_AUTO_TEST_CASE(scopes_hold_for_a_routed_receiver_on_another_node) {
  auto rx = route_with(connected(), routed_scope::principal_or_system("alice"));
  publish_three(owner());
  BOOST_TEST((drained(rx) == numbers{1, 3}));
  BOOST_TEST((rx.scope() == routed_scope::principal_or_system("alice")));
}

BOOST_AUTO_TEST_CASE(a_gate_on_the_connected_node_opens_and_closes_its_route_on_the_owner) {
  auto gate = route_gate::staged();
  auto rx = route_with(connected(), routed_scope::everyone(), gate);
  owner().publish(routed_ipc("alice", 1));
  BOOST_TEST(rx.queued_events() == 0u);
  gate.publish();
  // The change travels to the owner ahead of what this node sends next.
  connected().publish(routed_ipc("alice", 2));
  gate.retire();
  connected().publish(routed_ipc("alice", 3));
  BOOST_TEST((drained(rx) == numbers{2}));
}

BOOST_AUTO_TEST_SUITE_END()
