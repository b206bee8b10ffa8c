// The topic router (actors/local/router_actor.hpp), one message at a time:
// what each kind of subscription receives, the credit of an actor
// subscriber (one batch in flight, carrying all it can, losses with the next
// batch, confirmed events counted), and the removal of one that dies.
#include "actors/local/router_actor.hpp"
#include "deterministic.hpp"

#include <boost/test/unit_test.hpp>

#include <caf/actor_cast.hpp>
#include <caf/exit_reason.hpp>

using namespace astrid::bus;
using namespace astrid::bus::testing;
using detail::fanout_batch;
using detail::fanout_job;

namespace {

struct router_fixture : deterministic_fixture {
  explicit router_fixture(bus_config cfg = {}) : deterministic_fixture{std::move(cfg)} {
    std::tie(bus, bus_log) = spawn_probe();
    router = detail::spawn_router(*sys, shared, caf::actor_cast<detail::local_bus_actor>(bus));
    run();
  }
  ~router_fixture() {
    pending_call<detail::subscriber_list> stop;
    caf::anon_send(router, detail::shutdown_order{stop.take()});
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
    run();
  }

  // Publishes `events` as one batch from the bus; returns the receivers
  // the router handed them to, in all.
  std::size_t fan_out(std::vector<astrid::event> events) {
    pending_call<detail::publish_outcome> done;
    fanout_batch batch;
    auto ticket = done.take();
    for (auto& ev : events) batch.jobs.push_back(fanout_job{job_event(std::move(ev)), ticket});
    ticket.reset();
    caf::anon_send(router, std::move(batch));
    run();
    return done.result()->receivers;
  }

  std::uint64_t attach_actor(caf::actor who, std::string pattern, std::string label) {
    pending_call<bool> done;
    const auto id = shared->new_id();
    caf::anon_send(router, detail::actor_attach{id, std::move(who), std::move(pattern),
                                                std::move(label), done.take()});
    run();
    BOOST_REQUIRE(done.result().value_or(false));
    return id;
  }

  caf::actor bus;
  std::shared_ptr<probe_log> bus_log;
  detail::router_actor router;
};

struct small_router : router_fixture {
  small_router() : router_fixture{with_capacity(8)} {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(router_actor, small_router)

BOOST_AUTO_TEST_CASE(a_topic_receiver_gets_only_the_ipc_events_its_pattern_matches) {
  auto queue = std::make_shared<detail::waitable_queue>(8);
  pending_call<bool> attached;
  caf::anon_send(router, detail::topic_attach{1, "cap.*.out", queue, attached.take()});
  run();
  BOOST_TEST(attached.done());
  BOOST_TEST(fan_out({lifecycle(), ipc("cap.a.in", 1), ipc("cap.a.out", 2), ipc("cap.b.out", 3)}) ==
             2u);
  std::vector<event_ptr> got;
  queue->read(got, 10, nullptr);
  BOOST_REQUIRE(got.size() == 2u);
  BOOST_TEST(number_of(*got[0]) == 2);
  BOOST_TEST(number_of(*got[1]) == 3);
  caf::anon_send(router, detail::topic_detach{1});
  run();
  BOOST_TEST(fan_out({ipc("cap.a.out", 4)}) == 0u);
}

BOOST_AUTO_TEST_CASE(an_actor_subscriber_has_one_batch_in_flight_and_learns_its_losses) {
  auto [who, log] = spawn_probe();
  log->hold = true;  // keep the credit out
  attach_actor(who, "", "slow");
  BOOST_TEST(shared->census.count(detail::subscriber_kind::actor) == 1u);
  BOOST_TEST(fan_out({custom("n", 0)}) == 1u);
  BOOST_REQUIRE(log->batches.size() == 1u);  // in flight, unanswered
  std::vector<astrid::event> more;
  for (int i = 1; i < 50; ++i) more.push_back(custom("n", i));
  fan_out(std::move(more));
  BOOST_TEST(log->batches.size() == 1u);  // nothing more without credit
  caf::anon_send(who, release_atom::value);
  run();
  BOOST_REQUIRE(log->batches.size() == 2u);
  BOOST_TEST(log->batches[1].lagged == 41u);  // 1..41 lost, 42..49 kept (capacity 8)
  BOOST_TEST(log->numbers().front() == 0);
  BOOST_TEST(log->numbers().back() == 49);
  BOOST_TEST(log->numbers().size() == 9u);
  caf::anon_send(who, release_atom::value);
  run();
  bus_stats stats;
  shared->fill(stats);
  BOOST_TEST(stats.lagged["slow"] == 41u);
  BOOST_TEST(stats.acknowledged["slow"] == 9u);  // both batches answered
  caf::anon_send_exit(who, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(the_events_of_one_fanout_batch_reach_an_actor_subscriber_in_one_batch) {
  auto [who, log] = spawn_probe();
  attach_actor(who, "", "whole");
  BOOST_TEST(fan_out({custom("n", 0), custom("n", 1), custom("n", 2), custom("n", 3)}) == 4u);
  BOOST_REQUIRE(log->batches.size() == 1u);  // not the first alone, then the rest
  BOOST_TEST((log->numbers() == std::vector<std::int64_t>{0, 1, 2, 3}));
  caf::anon_send_exit(who, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(an_actor_subscriber_with_a_pattern_gets_only_matching_ipc) {
  auto [who, log] = spawn_probe();
  attach_actor(who, "cap.*.out", "pattern");
  BOOST_TEST(fan_out({lifecycle(), ipc("cap.a.in", 1), ipc("cap.a.out", 2)}) == 1u);
  BOOST_TEST((log->numbers() == std::vector<std::int64_t>{2}));
  caf::anon_send_exit(who, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(an_actor_subscriber_that_dies_is_dropped_and_the_bus_is_told) {
  auto [who, log] = spawn_probe();
  const auto id = attach_actor(who, "", "mortal");
  caf::anon_send_exit(who, caf::exit_reason::user_shutdown);
  run();
  BOOST_TEST((bus_log->sinks_gone == std::vector<std::uint64_t>{id}));
  BOOST_TEST(shared->census.count(detail::subscriber_kind::actor) == 0u);
  BOOST_TEST(fan_out({custom("n", 1)}) == 0u);
}

BOOST_AUTO_TEST_CASE(detaching_an_actor_subscriber_answers_whether_it_existed) {
  auto [who, log] = spawn_probe();
  const auto id = attach_actor(who, "", "leaving");
  for (bool expected : {true, false}) {
    pending_call<bool> done;
    caf::anon_send(router, detail::actor_detach{id, done.take()});
    run();
    BOOST_TEST(done.result().value_or(!expected) == expected);
  }
  BOOST_TEST(bus_log->sinks_gone.empty());  // the bus asked: nothing to tell it
  caf::anon_send_exit(who, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(a_routed_subscription_counts_its_bytes_in_the_stats) {
  auto queue = std::make_shared<detail::route>();
  pending_call<bool> attached;
  caf::anon_send(router, detail::route_attach{7, "t.*", queue,
                                              detail::route_owner{astrid::uuid::nil(), "cap", "r"},
                                              attached.take()});
  run();
  BOOST_TEST(fan_out({routed_ipc("alice", 1), routed_ipc("bob", 2), ipc("u.x", 3)}) == 2u);
  pending_call<bus_stats> stats;
  caf::anon_send(router, detail::stats_query{stats.take()});
  run();
  BOOST_TEST(stats.result()->routed_bytes == queue->bytes());
  BOOST_TEST(queue->size() == 2u);
}

BOOST_AUTO_TEST_CASE(shutting_down_closes_every_queue_it_feeds) {
  auto queue = std::make_shared<detail::waitable_queue>(8);
  pending_call<bool> attached;
  caf::anon_send(router, detail::topic_attach{1, "x.*", queue, attached.take()});
  run();
  pending_call<detail::subscriber_list> stop;
  caf::anon_send(router, detail::shutdown_order{stop.take()});
  run();
  BOOST_TEST(queue->closed());
  BOOST_TEST(stop.done());
}

BOOST_AUTO_TEST_SUITE_END()
