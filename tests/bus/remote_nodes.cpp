// Subscribers and publishers on other nodes: two and three actor systems in
// one process, talking over loopback through CAF's middleman, exactly as
// separate processes would. The wire format is checked in wire_format.cpp.
#include "bus/helpers.hpp"
#include "bus/remote_helpers.hpp"

#include "actors/nodes/gateway.hpp"

#include <caf/actor_cast.hpp>
#include <caf/io/middleman.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/send.hpp>

#include <boost/test/unit_test.hpp>


using namespace astrid::bus;
using namespace astrid::bus::testing;
using namespace std::chrono_literals;

namespace {

// A type only an intruding node knows.
struct unknown_to_the_bus {
  std::int32_t x = 0;
};
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, unknown_to_the_bus& u) {
  return f(caf::meta::type_name("unknown_to_the_bus"), u.x);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(remote_nodes)

BOOST_AUTO_TEST_CASE(a_message_of_a_type_the_bus_does_not_know_changes_nothing) {
  remote_node server, good;
  event_bus bus{*server.sys};
  const auto port = bus.serve(0);
  auto remote = event_bus::connect(*good.sys, "127.0.0.1", port);
  auto rx = remote.subscribe_topic("t.*", "good");
  log_capture::clear();
  {
    caf::actor_system_config cfg;
    configure(cfg);
    cfg.add_message_type<unknown_to_the_bus>("astrid::test::unknown_to_the_bus");
    cfg.set("scheduler.max-threads", 1);
    caf::actor_system intruder{cfg};
    auto typed = intruder.middleman().remote_actor<detail::gateway_actor>("127.0.0.1", port);
    BOOST_REQUIRE(typed);
    auto gateway = caf::actor_cast<caf::actor>(*typed);  // sends what it likes
    for (int i = 0; i < 100; ++i) caf::anon_send(gateway, unknown_to_the_bus{i});
    caf::anon_send(gateway, std::string{"not a gateway message either"});
  }
  for (int i = 0; i < 10; ++i) bus.publish(ipc("t.a", i));
  auto got = bus_fixture_recv(rx, 10);
  BOOST_REQUIRE(got.size() == 10u);
  for (int i = 0; i < 10; ++i) BOOST_TEST(number_of(*got[i]) == i);
  BOOST_TEST(remote.publish(ipc("t.b", 10)) == 1u);  // the gateway still answers
  BOOST_TEST(bus.subscriber_count() == 1u);
  // Dropped, and said in the bus log rather than on CAF's console.
  BOOST_TEST(log_capture::wait_until(
      [] { return log_capture::contains({"astrid.gateway", "unexpected message"}); },
      std::chrono::seconds{10}));
}

BOOST_AUTO_TEST_CASE(serve_and_connect_without_configure_throw_logic_error) {
  caf::actor_system_config cfg;
  cfg.set("scheduler.max-threads", 1);
  caf::actor_system sys{cfg};
  event_bus bus{sys};
  BOOST_CHECK_THROW(bus.serve(0), std::logic_error);
  BOOST_CHECK_THROW(event_bus::connect(sys, "127.0.0.1", 1), std::logic_error);
}

BOOST_AUTO_TEST_CASE(remote_topic_receivers_get_exactly_the_matching_events_in_order) {
  remote_node server, a, b;
  event_bus bus{*server.sys};
  const auto port = bus.serve(0);
  auto ra = event_bus::connect(*a.sys, "127.0.0.1", port);
  auto rb = event_bus::connect(*b.sys, "127.0.0.1", port);
  auto rx_a = ra.subscribe_topic("orders.*", "a");
  auto rx_b = rb.subscribe_topic("audit.log", "b");
  auto rx_all = rb.subscribe("everything");
  BOOST_TEST(bus.subscriber_count() == 3u);
  constexpr int n = 300;
  for (int i = 0; i < n; ++i) bus.publish(ipc(i % 3 == 0 ? "audit.log" : "orders.new", i));
  bus.publish(lifecycle());
  auto got_a = bus_fixture_recv(rx_a, 200);
  auto got_b = bus_fixture_recv(rx_b, 100);
  auto got_all = bus_fixture_recv(rx_all, n + 1);
  BOOST_REQUIRE(got_a.size() == 200u);
  BOOST_REQUIRE(got_b.size() == 100u);
  BOOST_REQUIRE(got_all.size() == static_cast<std::size_t>(n + 1));
  int ia = 0, ib = 0;
  for (int i = 0; i < n; ++i) {
    auto& ev = i % 3 == 0 ? *got_b[ib++] : *got_a[ia++];
    BOOST_TEST(number_of(ev) == i);
    BOOST_TEST(number_of(*got_all[i]) == i);
    BOOST_TEST(astrid::as_ipc(*got_all[i])->seq == static_cast<std::uint64_t>(i + 1));
  }
  BOOST_TEST(!rx_a.try_recv());
  BOOST_TEST(rx_a.drain_lagged() == 0u);
}

BOOST_AUTO_TEST_CASE(remote_publish_reaches_local_receivers_with_seq_from_the_owning_bus) {
  remote_node server, client;
  event_bus bus{*server.sys};
  auto local = bus.subscribe_topic("x.*");
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  BOOST_TEST(remote.capacity() == bus.capacity());
  auto r = remote.publish_ipc(ipc_msg("x.y", 1));
  BOOST_TEST(r.accepted);
  BOOST_TEST(r.receivers == 1u);
  BOOST_TEST(remote.publish(ipc("x.z", 2)) == 1u);
  remote.post(ipc("x.w", 3));
  auto too_big = ipc_msg("x.y", 0);
  too_big.payload = astrid::payloads::custom{std::string(6 * 1024 * 1024, 'a')};
  auto rejected = remote.publish_ipc(too_big);
  BOOST_TEST(!rejected.accepted);
  BOOST_TEST(rejected.reason == "Payload too large");
  auto got = bus_fixture_recv(local, 3);
  BOOST_REQUIRE(got.size() == 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST(number_of(*got[i]) == static_cast<std::int64_t>(i + 1));
    BOOST_TEST(astrid::as_ipc(*got[i])->seq == i + 1);
  }
}

BOOST_AUTO_TEST_CASE(remote_lag_is_exact_when_the_remote_receiver_stalls) {
  remote_node server, client;
  bus_config cfg;
  cfg.capacity = 8;
  event_bus bus{*server.sys, cfg};
  // Both sides hold at most 8: the owner per unacknowledged window, this
  // side in its receiver's queue.
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0), cfg);
  auto rx = remote.subscribe_topic("t.*", "stalled");
  constexpr int n = 500;
  for (int i = 0; i < n; ++i) bus.publish(ipc("t.a", i));
  bus.publish(ipc("t.end", n));  // the newest event is never the one dropped
  std::vector<std::int64_t> seen;
  while (true) {
    auto ev = rx.recv(10s);
    BOOST_REQUIRE(ev);
    seen.push_back(number_of(**ev));
    if (seen.back() == n) break;
  }
  const auto lagged = rx.drain_lagged();
  BOOST_TEST(lagged > 0u);
  BOOST_TEST(seen.size() + lagged == static_cast<std::size_t>(n + 1));
  BOOST_TEST(std::is_sorted(seen.begin(), seen.end()));
  BOOST_TEST(rx.drain_lagged() == 0u);
}

BOOST_AUTO_TEST_CASE(a_remote_node_leaving_mid_stream_leaves_the_others_whole) {
  remote_node server, survivor;
  event_bus bus{*server.sys};
  const auto port = bus.serve(0);
  auto rs = event_bus::connect(*survivor.sys, "127.0.0.1", port);
  auto rx = rs.subscribe_topic("s.*", "survivor");
  {
    remote_node victim;
    auto rv = event_bus::connect(*victim.sys, "127.0.0.1", port);
    auto rxv = rv.subscribe_topic("s.*", "victim");
    BOOST_TEST(bus.subscriber_count() == 2u);
    for (int i = 0; i < 100; ++i) bus.publish(ipc("s.x", i));
  }  // the node goes away mid-stream with its receiver undrained
  for (int i = 100; i < 200; ++i) bus.publish(ipc("s.x", i));
  auto got = bus_fixture_recv(rx, 200);
  BOOST_REQUIRE(got.size() == 200u);
  for (int i = 0; i < 200; ++i) BOOST_TEST(number_of(*got[i]) == i);
  BOOST_TEST(rx.drain_lagged() == 0u);
  BOOST_TEST(wait_until([&] { return bus.subscriber_count() == 1u; }));
}

BOOST_AUTO_TEST_CASE(a_client_whose_node_is_gone_gets_errors_and_end_of_stream) {
  remote_node client;
  std::optional<event_receiver> rx;
  std::unique_ptr<event_bus> remote;
  {
    remote_node server;
    event_bus bus{*server.sys};
    remote = std::make_unique<event_bus>(event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0)));
    rx.emplace(remote->subscribe("gone"));
    bus.publish(lifecycle());
    BOOST_REQUIRE(rx->recv(10s));
  }  // server bus and system destroyed
  BOOST_TEST(!rx->recv(30s));
  BOOST_TEST(rx->closed());
  BOOST_CHECK_THROW(remote->publish(lifecycle()), bus_unavailable);
  BOOST_CHECK_THROW(remote->publish_ipc(ipc_msg("a")), bus_unavailable);
  BOOST_CHECK_THROW(remote->subscribe(), bus_unavailable);
  rx.reset();
  remote.reset();
}

BOOST_AUTO_TEST_CASE(garbage_on_the_port_disconnects_that_peer_only) {
  remote_node server, client;
  event_bus bus{*server.sys};
  const auto port = bus.serve(0);
  BOOST_TEST(send_garbage(port));  // the bus closed that connection
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", port);
  auto rx = remote.subscribe();
  bus.publish(lifecycle("after-garbage"));
  BOOST_TEST(bus_fixture_recv(rx, 1).size() == 1u);
}

BOOST_AUTO_TEST_CASE(connecting_to_a_closed_port_throws_bus_unavailable) {
  remote_node client;
  BOOST_CHECK_THROW(event_bus::connect(*client.sys, "127.0.0.1", 1), bus_unavailable);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(exposed_nodes)

BOOST_AUTO_TEST_CASE(a_header_announcing_4_gib_closes_that_connection_before_anything_is_reserved) {
  remote_node server, client;
  event_bus bus{*server.sys};
  const auto port = bus.serve(0);
  log_capture::clear();
  for (int i = 0; i < 3; ++i) BOOST_TEST(send_and_wait_for_close(port, basp_handshake_header(0xF0000000)));
  BOOST_TEST(bus.stats().refused_messages == 3u);
  BOOST_TEST(log_capture::contains({"announced a message of 4026531840 bytes", "connection closed"}));
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", port);  // others still get in
  auto rx = remote.subscribe();
  bus.publish(lifecycle("after-the-bomb"));
  BOOST_TEST(bus_fixture_recv(rx, 1).size() == 1u);
}

BOOST_AUTO_TEST_CASE(messages_within_a_small_limit_are_read_as_usual) {
  remote_node server, client;
  bus_config cfg;
  cfg.max_message_bytes = 96 * 1024;  // handshakes and batches stay below it
  event_bus bus{*server.sys, cfg};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  auto rx = remote.subscribe();
  for (int i = 0; i < 500; ++i) bus.post(custom("n", i));
  auto got = bus_fixture_recv(rx, 500);
  BOOST_TEST(got.size() == 500u);
  BOOST_TEST(bus.stats().refused_messages == 0u);
}

// Batches of megabyte events outgrow what a socket takes at once, so the
// link's writes go partly through the multiplexer while small events queue
// behind them, and its reads assemble each message from many pieces.
BOOST_AUTO_TEST_CASE(megabyte_events_that_outrun_the_socket_arrive_whole_and_in_order) {
  remote_node server, client;
  event_bus bus{*server.sys};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  auto rx = remote.subscribe("big-link");
  const std::string big(std::size_t{1} << 20, 'b');
  constexpr int n = 40;
  for (int i = 0; i < n; ++i)
    bus.post(i % 4 == 0 ? custom("n", i)
                        : astrid::event{astrid::event_metadata::make("test"),
                                        astrid::events::custom{"big-" + std::to_string(i),
                                                               nlohmann::json(big + std::to_string(i))}});
  auto got = bus_fixture_recv(rx, n);
  BOOST_REQUIRE(got.size() == static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    BOOST_TEST_CONTEXT("event " << i) {
      if (i % 4 == 0) {
        BOOST_TEST(number_of(*got[i]) == i);
        continue;
      }
      const auto* c = std::get_if<astrid::events::custom>(&got[i]->data);
      BOOST_REQUIRE(c != nullptr);
      BOOST_TEST(c->name == "big-" + std::to_string(i));
      BOOST_TEST((c->data == nlohmann::json(big + std::to_string(i))));
    }
  }
  BOOST_TEST(rx.drain_lagged() == 0u);
}

BOOST_AUTO_TEST_CASE(an_event_too_large_for_a_message_between_nodes_reaches_the_receiver_as_lag) {
  remote_node server, client;
  bus_config cfg;
  cfg.max_message_bytes = 256 * 1024;
  event_bus bus{*server.sys, cfg};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  auto rx = remote.subscribe("small-link");
  log_capture::clear();
  bus.publish(astrid::event{astrid::event_metadata::make("test"),
                            astrid::events::custom{"big", nlohmann::json(std::string(300'000, 'x'))}});
  bus.publish(custom("small", 7));
  auto got = bus_fixture_recv(rx, 1);
  BOOST_REQUIRE(got.size() == 1u);
  BOOST_TEST(number_of(*got[0]) == 7);
  BOOST_TEST(rx.drain_lagged() == 1u);
  BOOST_TEST(log_capture::contains({"event too large for a remote subscriber", "small-link@"}));
}

BOOST_AUTO_TEST_CASE(a_connected_bus_refuses_to_send_what_the_owning_bus_would_refuse) {
  remote_node server, client;
  bus_config cfg;
  cfg.max_payload_bytes = 1000;
  event_bus bus{*server.sys, cfg};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  BOOST_TEST(remote.config().max_payload_bytes == 1000u);  // learnt from the owning bus
  auto msg = ipc_msg("t.x");
  msg.payload = astrid::payloads::custom{nlohmann::json(std::string(2000, 'y'))};
  auto r = remote.publish_ipc(msg);
  BOOST_TEST(!r.accepted);
  BOOST_TEST(r.reason == reason_payload_too_large);
  // An event larger than a message between nodes may be is not sent at all.
  auto huge = astrid::event{astrid::event_metadata::make("test"),
                            astrid::events::custom{"huge", nlohmann::json(std::string(12 << 20, 'z'))}};
  BOOST_CHECK_THROW(remote.publish(huge), std::invalid_argument);
  BOOST_TEST(remote.publish(custom("fine", 1)) == 0u);  // the link is still up
}

BOOST_AUTO_TEST_CASE(serving_plain_tcp_beyond_loopback_is_refused_unless_allowed) {
  remote_node server;
  event_bus bus{*server.sys};
  try {
    bus.serve(0, "0.0.0.0");
    BOOST_FAIL("serve beyond loopback without TLS was not refused");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string{e.what()}.find("without TLS") != std::string::npos);
    BOOST_TEST(std::string{e.what()}.find("insecure_plaintext") != std::string::npos);
  }
  bus_config allowed;
  allowed.insecure_plaintext = true;
  event_bus open_bus{*server.sys, allowed};
  log_capture::clear();
  BOOST_TEST(open_bus.serve(0, "0.0.0.0") > 0u);
  BOOST_TEST(log_capture::contains({"security: serving without TLS", "insecure_plaintext"}));
}

BOOST_AUTO_TEST_SUITE_END()
