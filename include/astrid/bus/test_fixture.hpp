// A Boost.Test fixture for suites that exercise a bus: an actor system with
// few worker threads (deterministic enough, cheap on CI machines), one bus,
// and the shutdown order CAF needs (bus before system), so a test that
// forgets nothing never hangs in teardown. Usage:
//   BOOST_FIXTURE_TEST_SUITE(my_suite, astrid::bus::test::bus_fixture)
//   BOOST_AUTO_TEST_CASE(x) { auto rx = bus().subscribe(); bus().publish(ev); ... }
#pragma once

#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace astrid::bus::test {

/// An actor system with `threads` scheduler workers and a bus on it.
/// Receivers and bus copies made by a test must be destroyed before the
/// fixture (locals of the test body are).
class bus_fixture {
 public:
  /// A system with `threads` workers (default 2) and a bus with `cfg`.
  /// Throws what caf::actor_system and event_bus throw.
  explicit bus_fixture(bus_config cfg = {}, std::size_t threads = 2) {
    sys_cfg.set("scheduler.max-threads", threads);
    sys_ = std::make_unique<caf::actor_system>(sys_cfg);
    bus_.emplace(*sys_, std::move(cfg));
  }

  /// Shuts the bus down (releasing its subscribers), then the system.
  ~bus_fixture() {
    bus_.reset();
    sys_.reset();
  }

  bus_fixture(const bus_fixture&) = delete;
  bus_fixture& operator=(const bus_fixture&) = delete;

  /// The actor system.
  caf::actor_system& system() { return *sys_; }

  /// The bus. Throws std::logic_error after `drop_bus()`.
  event_bus& bus() {
    if (!bus_) throw std::logic_error{"bus_fixture: the bus was dropped"};
    return *bus_;
  }

  /// Replaces the bus by a new one made with `cfg` (the old one shuts down first).
  event_bus& reset_bus(bus_config cfg) {
    bus_.reset();
    bus_.emplace(*sys_, std::move(cfg));
    return *bus_;
  }

  /// Destroys the fixture's copy of the bus (the last one, unless the test
  /// kept copies): its subscribers are released when this returns.
  void drop_bus() { bus_.reset(); }

  /// Receives `n` events from `rx`, giving up when none arrives for
  /// `idle_timeout`; returns what arrived (fewer than `n` on timeout).
  static std::vector<event_ptr> recv_n(event_receiver& rx, std::size_t n,
                                       std::chrono::milliseconds idle_timeout = std::chrono::seconds{10}) {
    std::vector<event_ptr> out;
    out.reserve(n);
    while (out.size() < n) {
      auto ev = rx.recv(idle_timeout);
      if (!ev) break;
      out.push_back(std::move(*ev));
    }
    return out;
  }

  caf::actor_system_config sys_cfg;  ///< tweak only in a derived constructor

 private:
  std::unique_ptr<caf::actor_system> sys_;
  std::optional<event_bus> bus_;
};

}  // namespace astrid::bus::test
