// The bus actor (actors/local/bus_actor.hpp), one message at a time: it
// stamps IPC sequence numbers, appends each event once to the broadcast
// hub, hands events to the router only when someone there wants them, and
// keeps a new subscription from seeing what was published before it and a
// caller's posts behind what it sends later.
#include "actors/local/bus_actor.hpp"
#include "deterministic.hpp"

#include <boost/test/unit_test.hpp>

using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

struct bus_fixture : deterministic_fixture {
  bus_fixture() {
    bus = detail::spawn_bus(*sys, shared).bus;
    run();
  }
  ~bus_fixture() {
    pending_call<detail::subscriber_list> stop;
    caf::anon_send(bus, detail::shutdown_order{stop.take()});
    run();
  }

  // Posts every event, runs the actors, returns the receivers of each.
  std::vector<std::size_t> publish(std::vector<astrid::event> events) {
    std::vector<pending_call<detail::publish_outcome>> calls(events.size());
    for (std::size_t i = 0; i < events.size(); ++i)
      caf::anon_send(bus, detail::publish_job{job_event(std::move(events[i])), calls[i].take()});
    run();
    std::vector<std::size_t> out;
    for (auto& c : calls) out.push_back(c.result()->receivers);
    return out;
  }

  astrid::core::ring_cursor attach_receiver() {
    pending_call<astrid::core::ring_cursor> cursor;
    caf::anon_send(bus, detail::ring_attach{cursor.take()});
    run();
    return *cursor.result();
  }

  std::shared_ptr<detail::waitable_queue> attach_topic(std::uint64_t id, std::string pattern) {
    auto queue = std::make_shared<detail::waitable_queue>(64);
    pending_call<bool> done;
    caf::anon_send(bus, detail::topic_attach{id, std::move(pattern), queue, done.take()});
    run();
    BOOST_REQUIRE(done.result().value_or(false));
    return queue;
  }

  detail::local_bus_actor bus;
};

std::vector<std::uint64_t> seqs_of(const std::vector<event_ptr>& events) {
  std::vector<std::uint64_t> out;
  for (const auto& ev : events) out.push_back(astrid::as_ipc(*ev)->seq);
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(bus_actor, bus_fixture)

BOOST_AUTO_TEST_CASE(ipc_events_are_stamped_with_a_sequence_starting_at_one) {
  auto cursor = attach_receiver();
  publish({ipc("a", 1), lifecycle(), ipc("b", 2), ipc("c", 3)});
  std::vector<event_ptr> got;
  shared->hub.read(cursor, got, 10, nullptr);
  BOOST_REQUIRE(got.size() == 4u);
  BOOST_TEST(astrid::as_ipc(*got[0])->seq == 1u);
  BOOST_TEST(astrid::as_ipc(*got[2])->seq == 2u);
  BOOST_TEST(astrid::as_ipc(*got[3])->seq == 3u);
  shared->hub.detach();
}

BOOST_AUTO_TEST_CASE(with_nobody_subscribed_an_event_reaches_no_one) {
  BOOST_TEST((publish({lifecycle(), ipc("a")}) == std::vector<std::size_t>{0, 0}));
}

BOOST_AUTO_TEST_CASE(each_event_is_counted_once_for_every_kind_of_receiver) {
  attach_receiver();
  auto topic = attach_topic(1, "cap.*");
  BOOST_TEST((publish({lifecycle(), ipc("cap.x", 1), ipc("other", 2)}) ==
              std::vector<std::size_t>{1, 2, 1}));
  std::vector<event_ptr> got;
  topic->read(got, 10, nullptr);
  BOOST_TEST((seqs_of(got) == std::vector<std::uint64_t>{1}));
  shared->hub.detach();
}

BOOST_AUTO_TEST_CASE(a_topic_receiver_sees_exactly_the_events_published_after_it) {
  // Both publishes are in the bus's mailbox with the attach between them:
  // the events before the attach are flushed to the router first.
  auto queue = std::make_shared<detail::waitable_queue>(64);
  pending_call<bool> attached;
  attach_topic(1, "t.*");  // someone routed, so events go to the router at all
  caf::anon_send(bus, detail::publish_job{job_event(ipc("t.x", 1)), nullptr});
  caf::anon_send(bus, detail::topic_attach{2, "t.*", queue, attached.take()});
  caf::anon_send(bus, detail::publish_job{job_event(ipc("t.x", 2)), nullptr});
  run();
  std::vector<event_ptr> got;
  queue->read(got, 10, nullptr);
  BOOST_REQUIRE(got.size() == 1u);
  BOOST_TEST(number_of(*got[0]) == 2);
}

BOOST_AUTO_TEST_CASE(posts_go_before_a_publish_whose_message_overtook_their_drain) {
  // A post that finds the queue empty sends the drain message after its
  // push; another thread can append, then publish, in between. The bus
  // must publish the queued posts first all the same.
  auto cursor = attach_receiver();
  shared->posts.push(job_event(custom("n", 1)));  // the first push: its drain not sent yet
  shared->posts.push(job_event(custom("n", 2)));  // another thread's post, no drain of its own
  caf::anon_send(bus, detail::publish_job{job_event(custom("n", 3)), nullptr});
  caf::anon_send(bus, detail::drain_atom::value);  // the first post's drain, late
  run();
  std::vector<event_ptr> got;
  shared->hub.read(cursor, got, 10, nullptr);
  std::vector<std::int64_t> numbers;
  for (const auto& ev : got) numbers.push_back(number_of(*ev));
  BOOST_TEST((numbers == std::vector<std::int64_t>{1, 2, 3}));
  shared->hub.detach();
}

BOOST_AUTO_TEST_CASE(published_events_are_counted_by_type) {
  publish({lifecycle(), ipc("a"), ipc("b"), custom("c", 1)});
  pending_call<bus_stats> stats;
  caf::anon_send(bus, detail::stats_query{stats.take()});
  run();
  auto s = *stats.result();
  BOOST_TEST(s.published["ipc"] == 2u);
  BOOST_TEST(s.published["custom"] == 1u);
  BOOST_TEST(s.published["astrid.v1.lifecycle.runtime_started"] == 1u);
  BOOST_TEST(s.published_total() == 4u);
}

BOOST_AUTO_TEST_CASE(shutting_down_closes_the_hub_and_every_topic_queue) {
  auto queue = attach_topic(1, "t.*");
  pending_call<detail::subscriber_list> stop;
  caf::anon_send(bus, detail::shutdown_order{stop.take()});
  run();
  BOOST_TEST(stop.done());
  BOOST_TEST(shared->hub.closed());
  BOOST_TEST(queue->closed());
}

BOOST_AUTO_TEST_SUITE_END()
