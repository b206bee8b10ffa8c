#include "core/routed_queues.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace astrid::core;
using namespace std::chrono_literals;

namespace {

struct fake_clock {
  std::shared_ptr<std::chrono::steady_clock::time_point> t =
      std::make_shared<std::chrono::steady_clock::time_point>();
  routed_queues<int>::clock fn() const {
    return [t = t] { return *t; };
  }
  void advance(std::chrono::steady_clock::duration d) { *t += d; }
};

// Item = (principal, sequence within principal), so order and origin can be checked.
struct msg {
  std::string from;
  int n = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(routed_queues_fairness)

BOOST_AUTO_TEST_CASE(principal_class_tells_system_agent_and_user_apart) {
  BOOST_TEST((principal_class(std::nullopt) == principal_kind::system));
  BOOST_TEST((principal_class("agent.planner") == principal_kind::agent));
  BOOST_TEST((principal_class("agent:42") == principal_kind::agent));
  BOOST_TEST((principal_class("agent") == principal_kind::user));
  BOOST_TEST((principal_class("agentx.y") == principal_kind::user));
  BOOST_TEST((principal_class("alice") == principal_kind::user));
  BOOST_TEST(to_string(principal_kind::agent) == "agent");
}

BOOST_AUTO_TEST_CASE(burst_from_one_principal_allocates_one_queue) {
  routed_queues<int> q;
  for (int i = 0; i < 10; ++i) q.push("alice", i, 100);
  BOOST_TEST(q.principal_count() == 1u);
  BOOST_TEST(q.size() == 10u);
  BOOST_TEST(q.bytes() == 1000u);
  auto all = q.try_drain(max_route_budget_bytes);
  BOOST_TEST(all == (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  BOOST_TEST(q.principal_count() == 0u);
  BOOST_TEST(q.bytes() == 0u);
}

BOOST_AUTO_TEST_CASE(five_thousand_principals_publishing_once_are_drained_by_one_drain) {
  routed_queues<int> q;
  for (int i = 0; i < 5000; ++i) q.push("p" + std::to_string(i), i, 200);
  BOOST_TEST(q.principal_count() == 5000u);
  auto all = q.try_drain(max_route_budget_bytes);
  BOOST_TEST(all.size() == 5000u);
  BOOST_TEST(q.principal_count() == 0u);
  BOOST_TEST(q.empty());
}

BOOST_AUTO_TEST_CASE(system_events_have_their_own_queue_distinct_from_any_named_principal) {
  routed_queues<int> q;
  q.push(std::nullopt, 1, 10);
  q.push(std::string{}, 2, 10);
  BOOST_TEST(q.principal_count() == 2u);
  BOOST_TEST(q.queued_for(std::nullopt) == 1u);
  BOOST_TEST(q.queued_for(std::string{}) == 1u);
}

BOOST_AUTO_TEST_CASE(flooding_principal_cannot_starve_a_quiet_one) {
  routed_queues<msg> q{max_route_budget_bytes};
  for (int i = 0; i < 200; ++i) q.push("flood", msg{"flood", i}, 4096);
  for (int i = 0; i < 3; ++i) q.push("quiet", msg{"quiet", i}, 4096);
  // A drain budget of 8 messages: the quiet principal must get its share.
  auto batch = q.try_drain(8 * 4096);
  int quiet = 0;
  for (auto& m : batch) quiet += m.from == "quiet";
  BOOST_TEST(batch.size() == 8u);
  BOOST_TEST(quiet == 3);
  // Per-principal order is publish order.
  int last = -1;
  for (auto& m : batch)
    if (m.from == "flood") {
      BOOST_TEST(m.n == last + 1);
      last = m.n;
    }
}

BOOST_AUTO_TEST_CASE(every_principal_with_pending_items_makes_progress_each_round) {
  routed_queues<msg> q;
  for (int p = 0; p < 10; ++p)
    for (int i = 0; i < 20; ++i) q.push("p" + std::to_string(p), msg{"p" + std::to_string(p), i}, 1000);
  // Quantum = max(4 KiB, 40000 / 10) = 4096 bytes = 4 items each.
  auto batch = q.try_drain(40000);
  std::map<std::string, int> per;
  for (auto& m : batch) ++per[m.from];
  BOOST_TEST(per.size() == 10u);
  for (auto& [who, n] : per) BOOST_TEST(n == 4, who << " got " << n);
}

BOOST_AUTO_TEST_CASE(drain_always_makes_progress_even_when_an_item_exceeds_the_drain_budget) {
  routed_queues<int> q;
  q.push("alice", 1, 500'000);
  q.push("alice", 2, 500'000);
  auto first = q.try_drain(1000);
  BOOST_TEST(first == (std::vector<int>{1}));
  auto second = q.try_drain(1000);
  BOOST_TEST(second == (std::vector<int>{2}));
}

BOOST_AUTO_TEST_CASE(message_larger_than_the_route_budget_is_rejected_outright) {
  routed_queues<int> q;
  q.push("alice", 1, 100);
  auto r = q.push("alice", 2, max_route_budget_bytes + 1);
  BOOST_TEST((r.outcome == push_outcome::rejected_too_large));
  BOOST_TEST(!r.accepted());
  BOOST_TEST(q.size() == 1u);
  BOOST_TEST(r.evicted_count() == 0u);
  auto exact = q.push("bob", 3, max_route_budget_bytes);
  BOOST_TEST(exact.accepted());
  BOOST_TEST(exact.evicted_count() == 1u);  // alice's 100 bytes made room
}

BOOST_AUTO_TEST_CASE(full_route_evicts_the_head_that_waited_longest_and_reports_it) {
  fake_clock c;
  routed_queues<int> q{1000, c.fn()};
  q.push("alice", 1, 400);
  c.advance(10ms);
  q.push("bob", 2, 400);
  c.advance(10ms);
  auto r = q.push("carol", 3, 400);
  BOOST_TEST((r.outcome == push_outcome::queued_with_evictions));
  BOOST_REQUIRE(r.evictions.size() == 1u);
  BOOST_TEST(r.evictions[0].principal.value_or("") == "alice");
  BOOST_TEST(r.evictions[0].bytes == 400u);
  BOOST_TEST((r.evictions[0].reason == eviction_reason::route_budget));
  BOOST_TEST((r.evictions[0].waited == std::chrono::steady_clock::duration{20ms}));
  BOOST_TEST(r.evicted_bytes() == 400u);
  BOOST_TEST(q.bytes() == 800u);
  BOOST_TEST(q.principal_count() == 2u);  // alice's emptied queue was freed
}

BOOST_AUTO_TEST_CASE(random_flood_never_holds_more_than_the_route_budget) {
  routed_queues<int> q;
  std::mt19937 rng{7};
  std::uniform_int_distribution<std::size_t> size{1, 256 * 1024};
  std::uniform_int_distribution<int> who{0, 30};
  std::size_t evicted = 0, pushed = 0, drained = 0;
  for (int i = 0; i < 5000; ++i) {
    auto r = q.push("p" + std::to_string(who(rng)), i, size(rng));
    pushed += r.accepted();
    evicted += r.evicted_count();
    BOOST_TEST(q.bytes() <= max_route_budget_bytes);
    if (i % 97 == 0) drained += q.try_drain(64 * 1024).size();
  }
  // Nothing is lost silently: every accepted item is queued, drained or reported.
  BOOST_TEST(pushed == q.size() + drained + evicted);
}

BOOST_AUTO_TEST_CASE(principal_queue_holds_at_most_its_cap_dropping_the_oldest) {
  routed_queues<int> q{max_route_budget_bytes, {}, 256};
  std::size_t evicted = 0;
  for (int i = 0; i < 300; ++i) {
    auto r = q.push("alice", i, 1);
    for (auto& e : r.evictions) BOOST_TEST((e.reason == eviction_reason::principal_cap));
    evicted += r.evicted_count();
  }
  BOOST_TEST(q.size() == 256u);
  BOOST_TEST(evicted == 300u - 256u);
  auto all = q.try_drain(max_route_budget_bytes);
  BOOST_TEST(all.front() == 44);
  BOOST_TEST(all.back() == 299);
}

BOOST_AUTO_TEST_CASE(default_principal_cap_keeps_a_token_stream_of_16384_events) {
  // 0.9.4's fix: an LLM stream of 16,384 one-byte tokens loses nothing,
  // the terminal one included, while the byte budget has room.
  routed_queues<int> q;
  BOOST_TEST(q.principal_cap() == default_principal_cap);
  std::size_t evicted = 0;
  for (int i = 0; i < 16'384; ++i) evicted += q.push("alice", i, 1).evicted_count();
  BOOST_TEST(evicted == 0u);
  BOOST_TEST(q.push("alice", 16'384, 1).evicted_count() == 1u);
  auto all = q.try_drain(max_route_budget_bytes);
  BOOST_TEST(all.size() == 16'384u);
  BOOST_TEST(all.back() == 16'384);
}

BOOST_AUTO_TEST_CASE(pop_one_returns_exactly_one_item_and_loses_nothing) {
  routed_queues<msg> q;
  for (int i = 0; i < 50; ++i) q.push("alice", msg{"alice", i}, 1000);
  for (int i = 0; i < 5; ++i) q.push("bob", msg{"bob", i}, 1000);
  q.push(std::nullopt, msg{"system", 0}, 10);
  std::map<std::string, std::vector<int>> got;
  std::vector<std::string> order;
  while (auto m = q.pop_one()) {
    got[m->from].push_back(m->n);
    order.push_back(m->from);
    BOOST_TEST(q.size() == 56u - order.size());
  }
  BOOST_TEST(got["alice"].size() == 50u);
  BOOST_TEST(got["bob"].size() == 5u);
  BOOST_TEST(got["system"].size() == 1u);
  for (auto& [who, ns] : got)
    for (std::size_t i = 0; i < ns.size(); ++i) BOOST_TEST(ns[i] == static_cast<int>(i));
  // Fair order: bob and system are done long before alice's flood is.
  std::size_t last_bob = 0;
  for (std::size_t i = 0; i < order.size(); ++i)
    if (order[i] == "bob") last_bob = i;
  BOOST_TEST(last_bob < 25u);
  BOOST_TEST(q.principal_count() == 0u);
}

BOOST_AUTO_TEST_CASE(large_items_are_served_by_bytes_not_by_count) {
  routed_queues<msg> q;
  q.push("big", msg{"big", 0}, 512 * 1024);
  q.push("big", msg{"big", 1}, 256 * 1024);
  for (int i = 0; i < 100; ++i) q.push("small", msg{"small", i}, 1024);
  std::vector<std::string> order;
  while (auto m = q.pop_one()) order.push_back(m->from);
  BOOST_TEST(order.size() == 102u);
  // 512 KiB of quantum must accrue before the first big item: all 100 KiB
  // of small items are served first.
  BOOST_TEST(order[100] == "big");
  BOOST_TEST(order[101] == "big");
}

BOOST_AUTO_TEST_CASE(pop_one_on_empty_queues_returns_nothing) {
  routed_queues<int> q;
  BOOST_TEST(!q.pop_one().has_value());
  BOOST_TEST(q.try_drain(1000).empty());
}

BOOST_AUTO_TEST_CASE(interleaved_pushes_and_drains_keep_per_principal_order) {
  routed_queues<msg> q;
  std::mt19937 rng{11};
  std::map<std::string, int> next_in, next_out;
  for (int step = 0; step < 3000; ++step) {
    auto who = "p" + std::to_string(rng() % 7);
    q.push(who, msg{who, next_in[who]++}, 1 + rng() % 3000);
    if (step % 5 == 0) {
      for (auto& m : q.try_drain(8192)) {
        BOOST_TEST(m.n >= next_out[m.from]);
        next_out[m.from] = m.n + 1;
      }
    }
    if (step % 7 == 0)
      if (auto m = q.pop_one()) {
        BOOST_TEST(m->n >= next_out[m->from]);
        next_out[m->from] = m->n + 1;
      }
  }
}

BOOST_AUTO_TEST_SUITE_END()
