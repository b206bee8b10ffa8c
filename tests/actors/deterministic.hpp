// A fixture that runs a bus's actors one message at a time on the calling
// thread (CAF's test_coordinator, scheduler policy "testing"): nothing runs
// until the test calls run(), so message order is exact and nothing waits.
// Plus a probe actor that stands in for whatever an actor under test talks
// to (the bus, an actor subscriber) and records what it receives.
#pragma once

#include "actors/local/jobs.hpp"
#include "shared/bus_shared.hpp"
#include "shared/call.hpp"
#include "shared/log.hpp"
#include "support/events.hpp"

#include <astrid/bus/event_ptr.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/send.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace astrid::bus::testing {

/// Tells a probe to answer the event batches it holds.
using release_atom = caf::atom_constant<caf::atom("release")>;

/// What a probe saw. Written only while the test runs the actors.
struct probe_log {
  std::vector<event_batch> batches;        ///< event batches received
  std::vector<std::uint64_t> sinks_gone;   ///< sink_gone ids (as a stand-in bus)
  std::vector<std::uint64_t> syncs_gone;   ///< sync_gone ids (as a stand-in bus)
  std::vector<caf::response_promise> held;  ///< unanswered batches (credit out)
  bool hold = false;                        ///< keep batches unanswered until release
  /// Events received in all batches, in order.
  std::vector<std::int64_t> numbers() const {
    std::vector<std::int64_t> out;
    for (const auto& b : batches)
      for (const auto& ev : b.events) out.push_back(number_of(*ev));
    return out;
  }
};

/// An actor that records event batches (answering them at once, or on
/// release_atom when `log->hold`), sink_gone and sync_gone.
inline caf::behavior probe(caf::event_based_actor* self, std::shared_ptr<probe_log> log) {
  return {
      [=](const event_batch& b) {
        auto rp = self->make_response_promise();
        log->batches.push_back(b);
        if (log->hold)
          log->held.push_back(rp);
        else
          rp.deliver(caf::unit);  // an empty reply: the credit returns
        return rp;
      },
      [=](release_atom) {
        for (auto& rp : log->held) rp.deliver(caf::unit);
        log->held.clear();
      },
      [=](const detail::sink_gone& g) { log->sinks_gone.push_back(g.id); },
      [=](const detail::sync_gone& g) { log->syncs_gone.push_back(g.id); },
  };
}

/// An actor system whose scheduler runs only when told, and a bus's shared
/// state. Every actor a test spawns must be gone (shut down or sent an exit)
/// by the end of the test.
struct deterministic_fixture {
  /// A system on the testing scheduler and shared state for a bus with `cfg`.
  explicit deterministic_fixture(bus_config cfg = {}) {
    sys_cfg.set("scheduler.policy", caf::atom("testing"));
    sys = std::make_unique<caf::actor_system>(sys_cfg);
    sched = &dynamic_cast<caf::scheduler::test_coordinator&>(sys->scheduler());
    shared = std::make_shared<detail::bus_shared>(std::move(cfg));
    detail::set_bus_log_level("off");  // the assertions look at counters, not at lines
  }
  ~deterministic_fixture() {
    sched->run();  // let everything told to quit do so
    sys.reset();
  }
  deterministic_fixture(const deterministic_fixture&) = delete;
  deterministic_fixture& operator=(const deterministic_fixture&) = delete;

  /// Runs every pending message; returns how many ran.
  std::size_t run() { return sched->run(); }

  /// A probe and its log.
  std::pair<caf::actor, std::shared_ptr<probe_log>> spawn_probe() {
    auto log = std::make_shared<probe_log>();
    auto who = sys->spawn(probe, log);
    run();
    return {who, log};
  }

  caf::actor_system_config sys_cfg;
  std::unique_ptr<caf::actor_system> sys;
  caf::scheduler::test_coordinator* sched = nullptr;
  std::shared_ptr<detail::bus_shared> shared;
};

/// A call the test completes by running the actors: the ticket to send,
/// and `result()` to read once they ran.
template <class T>
struct pending_call {
  pending_call() {
    auto [t, s] = detail::make_call<T>();
    ticket = std::move(t);
    state = std::move(s);
  }
  /// Hands the ticket over (to put it in a job). Call once.
  detail::ticket<T> take() { return std::move(ticket); }
  /// True once every ticket was dropped.
  bool done() { return state->ready(); }
  /// The answer; throws std::logic_error when the call is not complete.
  std::optional<T> result() {
    if (!state->ready()) throw std::logic_error{"pending_call: the actors did not complete it"};
    return state->wait();
  }

  detail::ticket<T> ticket;
  std::shared_ptr<detail::call_state<T>> state;
};

/// `ev` made shareable for a job.
inline std::shared_ptr<astrid::event> job_event(astrid::event ev) {
  return std::make_shared<astrid::event>(std::move(ev));
}

}  // namespace astrid::bus::testing
