// The bus as a typed actor (DESIGN.md, "For code that is itself an actor"):
// an actor publishes, learns the rate limiter's verdict, subscribes a typed
// sink, unsubscribes and reads counters by request(...).then(...), on a
// system with a single scheduler thread, where one blocking call would
// deadlock it; and the same through the handle of a connected bus.
#include "bus/remote_helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <condition_variable>
#include <functional>
#include <optional>
#include <mutex>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

// What the driving actor learnt, for the test thread to check.
struct report {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  std::string failure;             // the first error reply, if any
  std::uint64_t id = 0;            // subscription id
  std::size_t published_to = 0;    // publish's reply
  publish_result accepted, refused;
  bus_stats stats;
  bool unsubscribed = false, unsubscribed_twice = true;
  std::size_t sync_seen_at_reply = 0;
  std::vector<std::int64_t> sink_numbers;  // what the typed sink received
  std::uint64_t sink_lagged = 0;

  template <class F>
  void update(F f) {
    {
      std::lock_guard<std::mutex> guard{mutex};
      f(*this);
    }
    cv.notify_all();
  }
  bool wait(const std::function<bool(report&)>& cond) {
    std::unique_lock<std::mutex> lock{mutex};
    return cv.wait_for(lock, 30s, [&] { return cond(*this); });
  }
};

// A typed subscriber: records what it gets; its empty reply is the credit.
event_sink::behavior_type typed_sink(event_sink::pointer, std::shared_ptr<report> out) {
  return {[=](const event_batch& b) {
    out->update([&](report& r) {
      r.sink_lagged += b.lagged;
      for (const auto& ev : b.events) r.sink_numbers.push_back(number_of(*ev));
    });
  }};
}

// Fails the report with the error of a request.
auto fail(std::shared_ptr<report> out, caf::actor_system& sys) {
  return [out, &sys](caf::error& err) {
    out->update([&](report& r) {
      if (r.failure.empty()) r.failure = sys.render(err);
      r.done = true;
    });
  };
}

// Drives every request of bus_actor in a chain, each step from the last
// reply: subscribe the sink, publish, publish_ipc accepted and refused,
// post, stats, unsubscribe twice.
struct driver {
  caf::event_based_actor* self;
  bus_actor bus;
  event_sink sink;
  std::shared_ptr<report> out;

  std::function<void(caf::error&)> bad() const { return fail(out, self->system()); }

  void subscribe() const {
    auto d = *this;
    self->request(bus, 30s, subscribe_atom::value, sink, std::string{"astrid.v1.capsule.*.out"},
                  std::string{"typed-sink"})
        .then([d](std::uint64_t id) { d.publish(id); }, bad());
  }
  void publish(std::uint64_t id) const {
    out->update([&](report& r) { r.id = id; });
    auto d = *this;
    self->request(bus, 30s, publish_atom::value, ipc("astrid.v1.capsule.a.out", 1))
        .then([d](std::size_t n) { d.publish_ipc(n); }, bad());
  }
  void publish_ipc(std::size_t n) const {
    out->update([&](report& r) { r.published_to = n; });
    auto d = *this;
    self->request(bus, 30s, publish_ipc_atom::value, ipc_msg("astrid.v1.capsule.b.out", 2))
        .then([d](const publish_result& ok) { d.publish_too_large(ok); }, bad());
  }
  void publish_too_large(const publish_result& ok) const {
    out->update([&](report& r) { r.accepted = ok; });
    auto big = ipc_msg("astrid.v1.capsule.a.out", 99);
    big.payload = astrid::payloads::custom{nlohmann::json(std::string(6 * 1024 * 1024, 'x'))};
    auto d = *this;
    self->request(bus, 30s, publish_ipc_atom::value, std::move(big))
        .then([d](const publish_result& no) { d.post_and_stats(no); }, bad());
  }
  void post_and_stats(const publish_result& no) const {
    out->update([&](report& r) { r.refused = no; });
    self->send(bus, post_atom::value, ipc("astrid.v1.capsule.c.out", 3));
    auto d = *this;
    self->request(bus, 30s, stats_atom::value).then([d](const bus_stats& s) { d.unsubscribe(s); },
                                                    bad());
  }
  void unsubscribe(const bus_stats& s) const {
    out->update([&](report& r) { r.stats = s; });
    auto d = *this;
    const auto id = out->id;
    self->request(bus, 30s, unsubscribe_atom::value, id)
        .then(
            [d, id](bool first) {
              d.self->request(d.bus, 30s, unsubscribe_atom::value, id)
                  .then(
                      [d, first](bool second) {
                        d.out->update([&](report& r) {
                          r.unsubscribed = first;
                          r.unsubscribed_twice = second;
                          r.done = true;
                        });
                      },
                      d.bad());
            },
            bad());
  }
};

void drive(caf::event_based_actor* self, bus_actor bus, event_sink sink,
           std::shared_ptr<report> out) {
  driver{self, std::move(bus), std::move(sink), std::move(out)}.subscribe();
}

struct one_thread_bus : test::bus_fixture {
  one_thread_bus() : bus_fixture{bus_config{}, 1} {}
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(bus_handle, one_thread_bus)

BOOST_AUTO_TEST_CASE(an_actor_uses_every_request_of_the_bus_on_a_one_thread_system) {
  auto out = std::make_shared<report>();
  auto sink = system().spawn(typed_sink, out);
  system().spawn(drive, bus().handle(), sink, out);
  BOOST_REQUIRE(out->wait([](report& r) { return r.done; }));
  BOOST_REQUIRE(out->wait([](report& r) { return r.sink_numbers.size() >= 3; }));
  std::lock_guard<std::mutex> guard{out->mutex};
  BOOST_TEST(out->failure == "");
  BOOST_TEST(out->id != 0u);
  BOOST_TEST(out->published_to == 1u);
  BOOST_TEST(out->accepted.accepted);
  BOOST_TEST(out->accepted.receivers == 1u);
  BOOST_TEST(!out->refused.accepted);
  BOOST_TEST(out->refused.reason == "Payload too large");
  BOOST_TEST(out->stats.published["ipc"] >= 2u);
  BOOST_TEST(out->stats.rejected["Payload too large"] == 1u);
  BOOST_TEST(out->unsubscribed);
  BOOST_TEST(!out->unsubscribed_twice);
  BOOST_TEST((out->sink_numbers == std::vector<std::int64_t>{1, 2, 3}));
  BOOST_TEST(out->sink_lagged == 0u);
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(a_publish_request_is_answered_after_the_sync_subscribers_handled_it) {
  auto recorder = std::make_shared<recording_subscriber>();
  bus().add_subscriber(recorder);
  auto out = std::make_shared<report>();
  // Spawned functions take their state as arguments: CAF 0.17 spawns an
  // argument-less one through a null std::shared_ptr<std::tuple<>>.
  system().spawn([=](caf::event_based_actor* self, bus_actor bus_handle) {
    self->request(bus_handle, 30s, publish_atom::value, custom("n", 7))
        .then(
            [=](std::size_t) {
              out->update([&](report& r) {
                r.sync_seen_at_reply = recorder->count();
                r.done = true;
              });
            },
            fail(out, self->system()));
  }, bus().handle());
  BOOST_REQUIRE(out->wait([](report& r) { return r.done; }));
  std::lock_guard<std::mutex> guard{out->mutex};
  BOOST_TEST(out->failure == "");
  BOOST_TEST(out->sync_seen_at_reply == 1u);
}

BOOST_AUTO_TEST_CASE(a_subscribe_request_with_a_bad_pattern_is_refused_naming_it) {
  auto out = std::make_shared<report>();
  auto sink = system().spawn(typed_sink, out);
  system().spawn(
      [=](caf::event_based_actor* self, bus_actor bus_handle) {
        self->request(bus_handle, 30s, subscribe_atom::value, sink, std::string{"a..b"},
                      std::string{"x"})
            .then([=](std::uint64_t) { out->update([](report& r) { r.done = true; }); },
                  fail(out, self->system()));
      },
      bus().handle());
  BOOST_REQUIRE(out->wait([](report& r) { return r.done; }));
  std::lock_guard<std::mutex> guard{out->mutex};
  BOOST_TEST(out->failure.find("a..b") != std::string::npos);
  BOOST_TEST(bus().subscriber_count() == 0u);
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(a_typed_sink_subscribed_through_the_facade_is_removed_when_it_dies) {
  auto out = std::make_shared<report>();
  event_sink sink = system().spawn(typed_sink, out);
  bus().subscribe_actor(sink, "", "typed");
  BOOST_TEST(bus().publish(custom("n", 1)) == 1u);
  BOOST_REQUIRE(out->wait([](report& r) { return r.sink_numbers.size() == 1; }));
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
  BOOST_TEST(wait_until([&] { return bus().subscriber_count() == 0; }));
}

BOOST_AUTO_TEST_CASE(a_blocking_call_from_the_only_scheduler_thread_fails_naming_the_way_out) {
  bus_config cfg;
  cfg.call_timeout_ms = 200;
  auto& b = reset_bus(cfg);
  auto out = std::make_shared<report>();
  // The actor blocks the system's only worker in publish(): the bus cannot
  // run until the call gives up.
  auto copy = std::make_shared<std::optional<event_bus>>(b);
  system().spawn(
      [=](caf::event_based_actor* self, std::shared_ptr<std::optional<event_bus>> bus_copy) {
        try {
          (*bus_copy)->publish(custom("n", 1));
        } catch (const std::runtime_error& e) {
          out->update([&](report& r) { r.failure = e.what(); });
        }
        bus_copy->reset();  // the fixture's copy is the last one
        out->update([](report& r) { r.done = true; });
        self->quit();
      },
      copy);
  BOOST_REQUIRE(out->wait([](report& r) { return r.done; }));
  std::lock_guard<std::mutex> guard{out->mutex};
  BOOST_TEST(out->failure.find("call_timeout_ms") != std::string::npos);
  BOOST_TEST(out->failure.find("handle()") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(connected_bus_handle)

BOOST_AUTO_TEST_CASE(an_actor_on_another_node_publishes_and_subscribes_through_the_handle) {
  remote_node owner_node, client_node;
  event_bus owner{*owner_node.sys};
  const auto port = owner.serve();
  auto connected = event_bus::connect(*client_node.sys, "127.0.0.1", port);
  auto rx = owner.subscribe("owner-side");
  auto out = std::make_shared<report>();
  auto sink = client_node.sys->spawn(typed_sink, out);
  client_node.sys->spawn(drive, connected.handle(), sink, out);
  BOOST_REQUIRE(out->wait([](report& r) { return r.done; }));
  BOOST_REQUIRE(out->wait([](report& r) { return r.sink_numbers.size() >= 3; }));
  {
    std::lock_guard<std::mutex> guard{out->mutex};
    BOOST_TEST(out->failure == "");
    BOOST_TEST(out->published_to == 2u);  // the owner's receiver and the sink's bridge
    BOOST_TEST(out->accepted.accepted);
    BOOST_TEST(out->refused.reason == "Payload too large");
    BOOST_TEST(out->unsubscribed);
    BOOST_TEST(!out->unsubscribed_twice);
    BOOST_TEST((out->sink_numbers == std::vector<std::int64_t>{1, 2, 3}));
  }
  auto seen = bus_fixture_recv(rx, 3);
  BOOST_REQUIRE_EQUAL(seen.size(), 3u);
  BOOST_TEST(astrid::as_ipc(*seen[2])->seq == 3u);
  BOOST_TEST(wait_until([&] { return owner.stats().subscribers["actor"] == 0; }));
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_SUITE_END()
