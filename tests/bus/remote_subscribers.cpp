// BEHAVIOUR.md "Nodes" for the subscribers that stay tied to the owning bus:
// sync subscribers whose object lives on another node (publish waits for
// them there), and routed subscriptions whose route lives on the owning bus
// and is read from another node. Two or three actor systems in one process
// over loopback; a link_cutter stands in for a node that dies. publish()
// returns after the sync subscribers acknowledged and after fan-out, so the
// checks need no sleeps.
#include "bus/link_cutter.hpp"
#include "bus/remote_helpers.hpp"
#include "bus/routed_helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <future>
#include <stdexcept>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

// Throws on events carrying an odd number.
struct odd_thrower : recording_subscriber {
  odd_thrower() : recording_subscriber{"odd-thrower"} {}
  void on_event(const astrid::event& ev, bus_context& ctx) override {
    if (number_of(ev) % 2 != 0) throw std::runtime_error{"odd number " + std::to_string(number_of(ev))};
    recording_subscriber::on_event(ev, ctx);
  }
};

// Answers its first event with a post of number + 100, then removes itself.
struct echo_once : recording_subscriber {
  void on_event(const astrid::event& ev, bus_context& ctx) override {
    recording_subscriber::on_event(ev, ctx);
    ctx.post(custom("echo", number_of(ev) + 100));
    ctx.unsubscribe_self();
  }
};

// Holds its first event until released; `entered` is ready once it holds it.
struct blocking_subscriber : subscriber {
  std::promise<void> entered;
  std::promise<void> go;
  std::shared_future<void> released = go.get_future().share();
  std::atomic<bool> first{true};
  void on_event(const astrid::event&, bus_context&) override {
    if (!first.exchange(false)) return;
    entered.set_value();
    released.wait();
  }
  void release() { go.set_value(); }
};

routed_receiver remote_route(event_bus& remote, std::string label,
                             std::optional<std::string> scope = std::nullopt) {
  return remote.subscribe_routed(astrid::uuid::random(), "t.*", "capsule-" + label, label,
                                 std::move(scope));
}

// Drains `rx` with `budget` until it yields nothing.
std::vector<event_ptr> drain_all(routed_receiver& rx, std::size_t budget = std::size_t{1} << 20) {
  std::vector<event_ptr> out;
  while (true) {
    auto got = rx.try_drain(budget);
    if (got.empty()) return out;
    out.insert(out.end(), got.begin(), got.end());
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(remote_nodes)

BOOST_AUTO_TEST_CASE(a_remote_sync_subscriber_has_handled_the_event_when_publish_returns) {
  remote_node server, client;
  event_bus bus{*server.sys};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  auto rec = std::make_shared<recording_subscriber>("remote-recorder");
  const auto id = remote.add_subscriber(rec);
  BOOST_TEST(bus.subscriber_count() == 1u);
  BOOST_TEST(remote.subscriber_count() == 1u);
  for (int i = 0; i < 20; ++i) {
    bus.publish(custom("n", i));
    BOOST_REQUIRE_EQUAL(rec->count(), static_cast<std::size_t>(i + 1));
  }
  remote.publish(custom("n", 20));  // through the connected bus: the same wait
  BOOST_TEST(rec->count() == 21u);
  BOOST_TEST(remote.remove_subscriber(id));
  BOOST_TEST(!remote.remove_subscriber(id));
  BOOST_TEST(bus.subscriber_count() == 0u);
  bus.publish(custom("n", 21));
  BOOST_TEST(rec->count() == 21u);
  BOOST_TEST(rec.use_count() == 1);  // the client released its reference
}

BOOST_AUTO_TEST_CASE(a_remote_sync_subscriber_that_throws_is_restarted_and_keeps_receiving) {
  remote_node server, client;
  event_bus bus{*server.sys};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  auto thrower = std::make_shared<odd_thrower>();
  remote.add_subscriber(thrower);
  log_capture::clear();
  for (int i = 0; i < 10; ++i) bus.publish(custom("n", i));
  BOOST_TEST(thrower->numbers() == (std::vector<std::int64_t>{0, 2, 4, 6, 8}));
  BOOST_TEST(log_capture::contains({"sync subscriber crashed", "odd-thrower", "odd number 9"}));
  BOOST_TEST(log_capture::contains({"sync subscriber restarted", "odd-thrower"}));
  BOOST_TEST(bus.subscriber_count() == 1u);
  // The owning bus counts the crashes of its subscribers on other nodes too,
  // and logs them under the name it knows them by.
  const auto stats = bus.stats();
  BOOST_TEST(stats.subscriber_crashes == 5u);
  BOOST_TEST(stats.subscriber_restarts == 5u);
  BOOST_TEST(log_capture::contains({"sync subscriber crashed", "subscriber=odd-thrower@"}));
}

BOOST_AUTO_TEST_CASE(a_remote_sync_subscriber_may_post_and_remove_itself_from_its_handler) {
  remote_node server, client;
  event_bus bus{*server.sys};
  auto rx = bus.subscribe("local");
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  auto echo = std::make_shared<echo_once>();
  remote.add_subscriber(echo);
  BOOST_TEST(bus.subscriber_count() == 2u);
  bus.publish(custom("n", 1));
  BOOST_TEST(bus.subscriber_count() == 1u);  // removed before publish returned
  bus.publish(custom("n", 2));
  BOOST_TEST(echo->numbers() == (std::vector<std::int64_t>{1}));
  auto got = bus_fixture_recv(rx, 3);
  BOOST_REQUIRE(got.size() == 3u);
  std::vector<std::int64_t> seen;
  for (const auto& ev : got) seen.push_back(number_of(*ev));
  std::sort(seen.begin(), seen.end());
  BOOST_TEST(seen == (std::vector<std::int64_t>{1, 2, 101}));
}

BOOST_AUTO_TEST_CASE(a_lost_node_releases_a_publish_waiting_for_its_sync_subscriber) {
  remote_node server;
  event_bus bus{*server.sys};
  link_cutter link{bus.serve(0)};
  auto rx = bus.subscribe("survivor");
  {
    remote_node client;
    auto remote = event_bus::connect(*client.sys, "127.0.0.1", link.port());
    auto blocker = std::make_shared<blocking_subscriber>();
    remote.add_subscriber(blocker);
    BOOST_TEST(bus.subscriber_count() == 2u);
    log_capture::clear();
    auto entered = blocker->entered.get_future();
    auto published = std::async(std::launch::async, [&] { return bus.publish(custom("n", 1)); });
    entered.wait();  // the remote handler holds the event; publish waits for it
    link.cut();      // the client node is lost mid-event
    BOOST_TEST(published.get() == 1u);  // released by the loss, not by the handler
    BOOST_TEST(bus.subscriber_count() == 1u);
    BOOST_TEST(log_capture::contains({"remote sync subscriber lost"}));
    BOOST_TEST(bus.publish(custom("n", 2)) == 1u);  // later publishes do not wait for it
    blocker->release();  // lets the client node shut down
  }
  auto got = bus_fixture_recv(rx, 2);
  BOOST_TEST(got.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_lost_node_loses_its_idle_sync_subscribers_and_routes) {
  remote_node server, client;
  event_bus bus{*server.sys};
  link_cutter link{bus.serve(0)};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", link.port());
  remote.add_subscriber(std::make_shared<recording_subscriber>("idle"));
  auto route = remote_route(remote, "lost-route");
  BOOST_TEST(bus.subscriber_count() == 1u);
  BOOST_TEST(bus.routed_subscription_count() == 1u);
  link.cut();
  BOOST_TEST(wait_until([&] {
    return bus.subscriber_count() == 0u && bus.routed_subscription_count() == 0u;
  }));
  BOOST_TEST(!route.recv(10s));  // end of stream, not a wait for the timeout
  BOOST_TEST(route.closed());
  BOOST_CHECK_THROW(remote.add_subscriber(std::make_shared<recording_subscriber>()),
                    bus_unavailable);
  BOOST_CHECK_THROW(remote_route(remote, "late"), bus_unavailable);
  BOOST_TEST(bus.publish(routed_ipc("alice", 1)) == 0u);
}

BOOST_AUTO_TEST_CASE(a_remote_routed_receiver_gets_exactly_the_matching_events_fairly) {
  remote_node server, client;
  event_bus bus{*server.sys};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  auto rx = remote_route(remote, "fair");
  BOOST_TEST(rx.label() == "fair");
  BOOST_TEST(rx.capsule_label() == "capsule-fair");
  BOOST_TEST(bus.routed_subscription_count() == 1u);
  BOOST_TEST(remote.routed_subscription_count() == 1u);
  for (int i = 0; i < 200; ++i) bus.publish(sized_ipc("flood", 1024));
  BOOST_TEST(bus.publish(sized_ipc("quiet", 1024)) == 1u);
  BOOST_TEST(bus.publish(routed_ipc("quiet", 7, "other.topic")) == 0u);
  BOOST_TEST(rx.queued_events() == 201u);
  BOOST_TEST(rx.queued_principals() == 2u);
  BOOST_TEST(rx.queued_bytes() == 201u * 1024u);
  // One drain of 8 KiB on the owning bus's DRR queues: the quiet principal's
  // event comes out now although 200 older events of the flood wait.
  auto first = rx.try_drain(8 * 1024);
  std::size_t quiet = 0;
  for (const auto& e : first) quiet += principal_of(*e) == "quiet" ? 1 : 0;
  BOOST_TEST(quiet == 1u);
  BOOST_TEST(first.size() <= 8u);
  auto rest = drain_all(rx);
  BOOST_TEST(first.size() + rest.size() == 201u);
  for (const auto& e : rest) BOOST_TEST(topic_of(*e) == "t.x");
  BOOST_TEST(!rx.try_recv());
  for (int i = 0; i < 3; ++i) bus.publish(routed_ipc("alice", i));
  for (int i = 0; i < 3; ++i) {  // one event per recv, none lost
    auto ev = rx.recv(10s);
    BOOST_REQUIRE(ev);
    BOOST_TEST(number_of(**ev) == i);
  }
  BOOST_TEST(!rx.closed());
}

BOOST_AUTO_TEST_CASE(a_scoped_remote_route_admits_only_its_principal) {
  remote_node server, client;
  event_bus bus{*server.sys};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  auto rx = remote_route(remote, "audit", std::string{"alice"});
  BOOST_TEST((rx.scope() == routed_scope::principal("alice")));
  bus.publish(routed_ipc("bob", 1));
  bus.publish(routed_ipc(std::nullopt, 2));
  bus.publish(routed_ipc("alice", 3));
  bus.publish(routed_ipc("bob", 4));
  BOOST_TEST(rx.queued_events() == 1u);
  auto ev = rx.recv(10s);
  BOOST_REQUIRE(ev);
  BOOST_TEST(number_of(**ev) == 3);
  BOOST_TEST(!rx.try_recv());
  auto later = std::async(std::launch::async, [&] { return rx.recv(30s); });
  bus.publish(routed_ipc("bob", 5));  // foreign: not queued, not handed over
  bus.publish(routed_ipc("alice", 6));
  auto woken = later.get();
  BOOST_REQUIRE(woken);
  BOOST_TEST(number_of(**woken) == 6);
  BOOST_TEST(!rx.recv(1ms));  // idle: times out
}

BOOST_AUTO_TEST_CASE(dropping_a_remote_routed_receiver_removes_its_route_on_the_owning_bus) {
  remote_node server, client;
  event_bus bus{*server.sys};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  log_capture::clear();
  {
    auto rx = remote_route(remote, "dropped");
    BOOST_TEST(bus.publish(routed_ipc("alice", 1)) == 1u);
  }
  // The keeper logs after it removed the route: once the line is there, the
  // bus actor has the detach ahead of any later publish.
  BOOST_TEST(wait_until([] { return log_capture::contains({"remote routed subscriber gone", "dropped"}); }));
  BOOST_TEST(bus.routed_subscription_count() == 0u);
  BOOST_TEST(remote.routed_subscription_count() == 0u);
  BOOST_TEST(bus.publish(routed_ipc("alice", 2)) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
