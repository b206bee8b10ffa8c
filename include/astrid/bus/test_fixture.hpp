// Boost.Test fixtures for suites that exercise a bus: an actor system with
// few worker threads (deterministic enough, cheap on CI machines), one bus,
// and the shutdown order CAF needs (bus before system), so a test that
// forgets nothing never hangs in teardown; and two nodes in one process, a
// serving bus and a bus connected to it. Usage:
//   BOOST_FIXTURE_TEST_SUITE(my_suite, astrid::bus::test::bus_fixture)
//   BOOST_AUTO_TEST_CASE(x) { auto rx = bus().subscribe(); bus().publish(ev); ... }
//   BOOST_FIXTURE_TEST_SUITE(my_nodes, astrid::bus::test::two_node_fixture)
//   BOOST_AUTO_TEST_CASE(y) { auto rx = connected().subscribe(); owner().publish(ev); ... }
#pragma once

#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace astrid::bus::test {

/// How a fixture's actor system is set up: edits the config before the
/// system is made (CAF options, configure() for nodes, message types).
using system_setup = std::function<void(caf::actor_system_config&)>;

/// A setup that gives the system `threads` scheduler workers.
inline system_setup with_threads(std::size_t threads) {
  return [threads](caf::actor_system_config& cfg) { cfg.set("scheduler.max-threads", threads); };
}

/// An actor system and a bus on it. Receivers and bus copies made by a test
/// must be destroyed before the fixture (locals of the test body are).
class bus_fixture {
 public:
  /// A system with `threads` workers (default 2) and a bus with `cfg`.
  /// Throws what caf::actor_system and event_bus throw.
  explicit bus_fixture(bus_config cfg = {}, std::size_t threads = 2)
      : bus_fixture{std::move(cfg), with_threads(threads)} {}

  /// A system whose config `setup` edited (after the default of 2 workers,
  /// so it may change that too) and a bus with `cfg`. A derived fixture
  /// passes its setup here: `my_fixture() : bus_fixture{{}, [](auto& c) {...}} {}`.
  /// Throws what `setup`, caf::actor_system and event_bus throw.
  bus_fixture(bus_config cfg, const system_setup& setup) {
    with_threads(2)(sys_cfg);
    if (setup) setup(sys_cfg);
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
  static std::vector<event_ptr> recv_n(
      event_receiver& rx, std::size_t n,
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

  /// The config the system was made from (read it; to change it, pass a
  /// setup to the constructor: the system exists once the body of a
  /// derived constructor runs).
  caf::actor_system_config sys_cfg;

 private:
  std::unique_ptr<caf::actor_system> sys_;
  std::optional<event_bus> bus_;
};

/// Two nodes in one process: an owning bus served on a loopback port of
/// one actor system, and a bus connected to it from a second one, so a
/// suite tests node behaviour (actor subscribers, routed receivers, sync
/// subscribers, a lost node) without writing the plumbing. Both systems are
/// prepared with configure() (with `tls` when given). Receivers and bus
/// copies made by a test must be destroyed before the fixture.
class two_node_fixture {
 public:
  /// An owning bus with `owner_cfg`, served on a free loopback port, and a
  /// bus connected to it with `connected_cfg`; each system has 2 workers
  /// unless `setup` (run on both configs after configure()) says otherwise.
  /// Throws what configure, caf::actor_system, serve and connect throw.
  explicit two_node_fixture(bus_config owner_cfg = {}, bus_config connected_cfg = {},
                            std::optional<tls_config> tls = std::nullopt,
                            const system_setup& setup = {}) {
    for (auto* cfg : {&owner_sys_cfg, &connected_sys_cfg}) {
      configure(*cfg, tls);
      with_threads(2)(*cfg);
      if (setup) setup(*cfg);
    }
    owner_sys_ = std::make_unique<caf::actor_system>(owner_sys_cfg);
    connected_sys_ = std::make_unique<caf::actor_system>(connected_sys_cfg);
    owner_.emplace(*owner_sys_, std::move(owner_cfg));
    port_ = owner_->serve(0, "127.0.0.1");
    connected_.emplace(event_bus::connect(*connected_sys_, "127.0.0.1", port_,
                                          std::move(connected_cfg)));
  }

  /// Drops the connected bus, then the owner, then both systems.
  ~two_node_fixture() {
    connected_.reset();
    owner_.reset();
    connected_sys_.reset();
    owner_sys_.reset();
  }

  two_node_fixture(const two_node_fixture&) = delete;
  two_node_fixture& operator=(const two_node_fixture&) = delete;

  /// The owning bus (it stamps `seq` and fixes the order).
  event_bus& owner() { return *owner_; }
  /// The bus connected to it from the other actor system.
  event_bus& connected() {
    if (!connected_) throw std::logic_error{"two_node_fixture: the connected bus was dropped"};
    return *connected_;
  }
  /// The owning bus's actor system.
  caf::actor_system& owner_system() { return *owner_sys_; }
  /// The connected bus's actor system.
  caf::actor_system& connected_system() { return *connected_sys_; }
  /// The loopback port the owning bus serves on.
  std::uint16_t port() const noexcept { return port_; }

  /// Destroys the fixture's copy of the connected bus (the last one, unless
  /// the test kept copies): what was subscribed through it ends.
  void drop_connected() { connected_.reset(); }

  /// Receives `n` events from `rx` (see bus_fixture::recv_n).
  static std::vector<event_ptr> recv_n(
      event_receiver& rx, std::size_t n,
      std::chrono::milliseconds idle_timeout = std::chrono::seconds{10}) {
    return bus_fixture::recv_n(rx, n, idle_timeout);
  }

  caf::actor_system_config owner_sys_cfg;      ///< what the owner's system was made from
  caf::actor_system_config connected_sys_cfg;  ///< what the other system was made from

 private:
  std::unique_ptr<caf::actor_system> owner_sys_;
  std::unique_ptr<caf::actor_system> connected_sys_;
  std::optional<event_bus> owner_;
  std::optional<event_bus> connected_;
  std::uint16_t port_ = 0;
};

}  // namespace astrid::bus::test
