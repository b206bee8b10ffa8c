// The supervisor of the sync subscribers (actors/local/supervisor_actor.hpp),
// one message at a time: a publish completes after every handler ran, a
// handler that throws is restarted around the same object and loses
// nothing, a removal waits for the event in flight, a handler may remove
// itself, and shutdown releases every object.
#include "actors/local/supervisor_actor.hpp"
#include "deterministic.hpp"

#include <boost/test/unit_test.hpp>

#include <caf/actor_cast.hpp>
#include <caf/exit_reason.hpp>

#include <stdexcept>

using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

// Remembers what it handled; throws on the numbers in `fail_on`, removes
// itself on `leave_on`.
class scripted : public subscriber {
 public:
  std::vector<std::int64_t> seen;
  std::vector<std::int64_t> fail_on;
  std::int64_t leave_on = -1;

  void on_event(const astrid::event& ev, bus_context& ctx) override {
    const auto n = number_of(ev);
    seen.push_back(n);
    if (std::find(fail_on.begin(), fail_on.end(), n) != fail_on.end())
      throw std::runtime_error{"scripted failure on " + std::to_string(n)};
    if (n == leave_on) ctx.unsubscribe_self();
  }
  std::string name() const override { return "scripted"; }
};

struct supervisor_fixture : deterministic_fixture {
  supervisor_fixture() {
    std::tie(bus, bus_log) = spawn_probe();
    sup = detail::spawn_supervisor(*sys, shared, caf::actor_cast<detail::local_bus_actor>(bus));
    run();
  }
  ~supervisor_fixture() {
    stop();
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
    run();
  }

  detail::subscriber_list stop() {
    pending_call<detail::subscriber_list> done;
    caf::anon_send(sup, detail::shutdown_order{done.take()});
    run();
    return done.done() ? done.result().value_or(detail::subscriber_list{})
                       : detail::subscriber_list{};
  }

  std::uint64_t attach(std::shared_ptr<subscriber> s) {
    pending_call<bool> done;
    const auto id = shared->new_id();
    caf::anon_send(sup, detail::sync_attach{id, s, s->name(), done.take(), caf::actor{}});
    run();
    BOOST_REQUIRE(done.result().value_or(false));
    return id;
  }

  // Sends the event to the sync subscribers; the call is left to the test.
  pending_call<detail::publish_outcome> deliver(astrid::event ev) {
    pending_call<detail::publish_outcome> done;
    caf::anon_send(sup, detail::sync_job{job_event(std::move(ev)), done.take()});
    return done;
  }

  caf::actor bus;
  std::shared_ptr<probe_log> bus_log;
  detail::supervisor_actor sup;
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(supervisor_actor, supervisor_fixture)

BOOST_AUTO_TEST_CASE(a_publish_completes_only_after_every_handler_ran) {
  auto a = std::make_shared<scripted>();
  auto b = std::make_shared<scripted>();
  attach(a);
  attach(b);
  BOOST_TEST(shared->census.count(detail::subscriber_kind::sync) == 2u);
  auto call = deliver(custom("n", 1));
  BOOST_TEST(!call.done());  // nothing ran yet
  run();
  BOOST_TEST(call.done());
  BOOST_TEST((a->seen == std::vector<std::int64_t>{1}));
  BOOST_TEST((b->seen == std::vector<std::int64_t>{1}));
}

BOOST_AUTO_TEST_CASE(a_handler_that_throws_is_restarted_and_gets_every_later_event) {
  auto faulty = std::make_shared<scripted>();
  faulty->fail_on = {1, 3};
  attach(faulty);
  std::vector<pending_call<detail::publish_outcome>> calls;
  for (int i = 0; i < 5; ++i) calls.push_back(deliver(custom("n", i)));
  run();
  for (auto& c : calls) BOOST_TEST(c.done());
  BOOST_TEST((faulty->seen == std::vector<std::int64_t>{0, 1, 2, 3, 4}));
  bus_stats stats;
  shared->fill(stats);
  BOOST_TEST(stats.subscriber_crashes == 2u);
  BOOST_TEST(stats.subscriber_restarts == 2u);
}

BOOST_AUTO_TEST_CASE(a_removal_waits_for_the_event_in_flight_and_drops_the_rest) {
  auto s = std::make_shared<scripted>();
  const auto id = attach(s);
  auto first = deliver(custom("n", 1));
  auto second = deliver(custom("n", 2));
  pending_call<std::shared_ptr<subscriber>> removed;
  // Run until the first event is in flight, then ask for the removal.
  sched->run_once();  // the supervisor takes event 1 and sends it
  caf::anon_send(sup, detail::sync_detach{id, removed.take()});
  run();
  BOOST_TEST(removed.done());
  BOOST_TEST(removed.result().value_or(nullptr) == s);
  BOOST_TEST((s->seen == std::vector<std::int64_t>{1}));
  BOOST_TEST(first.done());
  BOOST_TEST(second.done());
  BOOST_TEST(shared->census.count(detail::subscriber_kind::sync) == 0u);
  BOOST_TEST(bus_log->syncs_gone.empty());  // the bus asked for it: nothing to tell
}

BOOST_AUTO_TEST_CASE(removing_an_unknown_subscriber_answers_nothing_to_release) {
  pending_call<std::shared_ptr<subscriber>> removed;
  caf::anon_send(sup, detail::sync_detach{42, removed.take()});
  run();
  BOOST_TEST(removed.result().value_or(std::make_shared<scripted>()) == nullptr);
}

BOOST_AUTO_TEST_CASE(a_handler_that_unsubscribes_is_handed_to_the_publisher_and_the_bus_told) {
  auto s = std::make_shared<scripted>();
  s->leave_on = 2;
  const auto id = attach(s);
  auto calls = std::vector<pending_call<detail::publish_outcome>>{};
  for (int i = 1; i <= 3; ++i) calls.push_back(deliver(custom("n", i)));
  run();
  BOOST_TEST((s->seen == std::vector<std::int64_t>{1, 2}));
  auto out = calls[1].result();
  BOOST_REQUIRE(out);
  BOOST_REQUIRE(out->released.size() == 1u);  // destroyed on the publishing thread
  BOOST_TEST(out->released.front() == s);
  BOOST_TEST((bus_log->syncs_gone == std::vector<std::uint64_t>{id}));
}

BOOST_AUTO_TEST_CASE(shutdown_releases_every_subscriber_to_the_caller) {
  auto a = std::make_shared<scripted>();
  auto b = std::make_shared<scripted>();
  attach(a);
  attach(b);
  auto released = stop();
  BOOST_TEST(released.size() == 2u);
  BOOST_TEST(shared->census.count(detail::subscriber_kind::sync) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
