// The bus actor's public interface (include/astrid/bus/bus_actor.hpp), one
// message at a time: every request is answered by the bus itself once the
// work it started is done, never by a blocked thread.
#include "actors/local/bus_actor.hpp"
#include "deterministic.hpp"

#include <astrid/bus/bus_actor.hpp>

#include <boost/test/unit_test.hpp>

#include <caf/typed_event_based_actor.hpp>

#include <atomic>

using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

// What one request got: its reply, or the error.
template <class T>
struct answer {
  std::optional<T> value;
  std::optional<caf::error> error;
  bool arrived() const { return value || error; }
};

// A sync subscriber that counts what it handled.
struct counting_subscriber : subscriber {
  std::atomic<std::size_t> seen{0};
  void on_event(const astrid::event&, bus_context&) override { ++seen; }
};

struct requests_fixture : deterministic_fixture {
  requests_fixture() : deterministic_fixture{with_capacity(4)} {
    bus = detail::spawn_bus(*sys, shared).bus;
    run();
  }
  ~requests_fixture() {
    pending_call<detail::subscriber_list> stop;
    caf::anon_send(bus, detail::shutdown_order{stop.take()});
    run();
  }

  // Sends xs... as a request from a new actor and runs the actors; returns
  // what came back.
  template <class T, class... Ts>
  answer<T> ask(Ts... xs) {
    auto out = std::make_shared<answer<T>>();
    // The function takes its state as arguments: CAF 0.17 spawns an
    // argument-less one through a null std::shared_ptr<std::tuple<>>.
    sys->spawn(
        [=](caf::event_based_actor* self, detail::local_bus_actor b) {
          self->request(b, caf::infinite, xs...)
              .then([=](T& v) { out->value = std::move(v); },
                    [=](caf::error& e) { out->error = std::move(e); });
        },
        bus);
    run();
    return *out;
  }

  // Adds a sync subscriber directly, as the facade does.
  std::shared_ptr<counting_subscriber> add_sync() {
    auto sub = std::make_shared<counting_subscriber>();
    pending_call<bool> done;
    caf::anon_send(bus, detail::sync_attach{shared->new_id(), sub, "counter", done.take(), {}});
    run();
    return sub;
  }

  detail::local_bus_actor bus;
};

// A typed sink recording into a probe log.
event_sink::behavior_type typed_probe(event_sink::pointer, std::shared_ptr<probe_log> log) {
  return {[=](const event_batch& b) { log->batches.push_back(b); }};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(bus_requests, requests_fixture)

BOOST_AUTO_TEST_CASE(a_publish_request_is_answered_after_the_sync_subscribers_acknowledged) {
  auto sub = add_sync();
  auto log = std::make_shared<probe_log>();
  event_sink sink = sys->spawn(typed_probe, log);
  BOOST_REQUIRE(ask<std::uint64_t>(subscribe_atom::value, sink, std::string{}, std::string{"s"})
                    .value);
  auto got = ask<std::size_t>(publish_atom::value, custom("n", 1));
  BOOST_REQUIRE(got.value);
  BOOST_TEST(*got.value == 1u);  // the typed sink
  BOOST_TEST(sub->seen.load() == 1u);
  BOOST_REQUIRE_EQUAL(log->batches.size(), 1u);
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(publish_ipc_is_accepted_within_the_limits_and_refused_beyond_them) {
  auto ok = ask<publish_result>(publish_ipc_atom::value, ipc_msg("t.a", 1));
  BOOST_REQUIRE(ok.value);
  BOOST_TEST(ok.value->accepted);
  auto big = ipc_msg("t.a", 2);
  big.payload = astrid::payloads::custom{nlohmann::json(std::string(6 * 1024 * 1024, 'x'))};
  auto no = ask<publish_result>(publish_ipc_atom::value, big);
  BOOST_REQUIRE(no.value);
  BOOST_TEST(!no.value->accepted);
  BOOST_TEST(no.value->reason == "Payload too large");
  auto stats = ask<bus_stats>(stats_atom::value);
  BOOST_REQUIRE(stats.value);
  BOOST_TEST(stats.value->published["ipc"] == 1u);
  BOOST_TEST(stats.value->rejected["Payload too large"] == 1u);
}

BOOST_AUTO_TEST_CASE(a_typed_sink_gets_events_until_it_unsubscribes) {
  auto log = std::make_shared<probe_log>();
  event_sink sink = sys->spawn(typed_probe, log);
  auto id = ask<std::uint64_t>(subscribe_atom::value, sink, std::string{"t.*"}, std::string{"s"});
  BOOST_REQUIRE(id.value);
  ask<std::size_t>(publish_atom::value, ipc("t.a", 1));
  ask<std::size_t>(publish_atom::value, ipc("u.a", 2));  // does not match
  BOOST_TEST((log->numbers() == std::vector<std::int64_t>{1}));
  BOOST_TEST(*ask<bool>(unsubscribe_atom::value, *id.value).value);
  BOOST_TEST(!*ask<bool>(unsubscribe_atom::value, *id.value).value);
  BOOST_TEST(*ask<std::size_t>(publish_atom::value, ipc("t.a", 3)).value == 0u);
  BOOST_TEST((log->numbers() == std::vector<std::int64_t>{1}));
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(a_dead_typed_sink_is_removed) {
  auto log = std::make_shared<probe_log>();
  event_sink sink = sys->spawn(typed_probe, log);
  BOOST_REQUIRE(ask<std::uint64_t>(subscribe_atom::value, sink, std::string{}, std::string{"s"})
                    .value);
  BOOST_TEST(shared->census.subscribers() == 1u);
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
  run();
  BOOST_TEST(shared->census.subscribers() == 0u);
  BOOST_TEST(*ask<std::size_t>(publish_atom::value, custom("n", 1)).value == 0u);
}

BOOST_AUTO_TEST_CASE(bad_subscribe_requests_are_refused_with_invalid_argument) {
  auto none = ask<std::uint64_t>(subscribe_atom::value, event_sink{}, std::string{},
                                 std::string{"s"});
  BOOST_REQUIRE(none.error);
  BOOST_TEST((*none.error == caf::sec::invalid_argument));
  auto log = std::make_shared<probe_log>();
  event_sink sink = sys->spawn(typed_probe, log);
  auto deep = ask<std::uint64_t>(subscribe_atom::value, sink, std::string{"a.b..c"},
                                 std::string{"s"});
  BOOST_REQUIRE(deep.error);
  BOOST_TEST((*deep.error == caf::sec::invalid_argument));
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(a_request_still_in_the_works_when_the_bus_shuts_down_gets_an_error) {
  add_sync();  // the publish's ticket waits at the supervisor
  auto out = std::make_shared<answer<std::size_t>>();
  sys->spawn(
      [=](caf::event_based_actor* self, detail::local_bus_actor b) {
        self->request(b, caf::infinite, publish_atom::value, custom("n", 1))
            .then([=](std::size_t n) { out->value = n; },
                  [=](caf::error& e) { out->error = std::move(e); });
      },
      bus);
  sched->run_once();  // the requester sends its request
  sched->run_once();  // the bus publishes; the sync subscriber has yet to see it
  pending_call<detail::subscriber_list> stop;
  caf::anon_send(bus, detail::shutdown_order{stop.take()});
  run();
  BOOST_REQUIRE(out->error);
  BOOST_TEST((*out->error == caf::sec::runtime_error));
  BOOST_TEST(!out->value);
}

BOOST_AUTO_TEST_SUITE_END()
