// The consuming end of a routed subscription: a capsule's own copy of the
// IPC events matching its pattern, queued per publishing principal and
// served fairly, so one principal's flood cannot push out or starve the
// others (the incident behind routed subscriptions: a shared broadcast queue
// collapsed when many principals published at once).
#pragma once

#include <astrid/bus/event_ptr.hpp>
#include <astrid/bus/routed_options.hpp>

#include <astrid/messages/uuid.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace astrid::bus {

namespace detail {
class routed_source;
}  // namespace detail

/// The string form of routed_scope::system_only() taken by the older
/// string-scope overload of event_bus::subscribe_routed.
inline constexpr std::string_view routed_system_scope = "system";

/// One routed subscription (see event_bus::subscribe_routed). Events wait
/// in one FIFO per publishing principal (allocated on first event, freed
/// when empty) under a 1 MiB route budget; reads serve the principals by
/// deficit round-robin. Move-only; destroying it removes the route from the
/// bus. One consumer thread at a time.
class routed_receiver {
 public:
  /// Wraps the subscription `source`. Made by `event_bus`.
  explicit routed_receiver(std::unique_ptr<detail::routed_source> source) noexcept;
  routed_receiver(routed_receiver&&) noexcept;
  routed_receiver& operator=(routed_receiver&&) noexcept;
  routed_receiver(const routed_receiver&) = delete;
  routed_receiver& operator=(const routed_receiver&) = delete;
  /// Removes the route. Never throws, never waits for the bus.
  ~routed_receiver();

  /// Exactly one event, in fair (DRR) order, waiting up to `timeout` for
  /// one to be published; the rest stay queued. Returns nullopt on timeout,
  /// or at once when the bus is gone and everything queued was read. Throws
  /// std::bad_alloc only.
  std::optional<event_ptr> recv(std::chrono::milliseconds timeout);

  /// Exactly one event if one is queued, else nullopt. Never blocks (it may
  /// briefly take the lock the bus queues under). Throws std::bad_alloc only.
  std::optional<event_ptr> try_recv();

  /// Removes and returns the events that fit in `budget_bytes` (sizes as
  /// ipc_size), served by deficit round-robin with quantum
  /// max(4 KiB, budget_bytes / active principals); at least one event when
  /// any is queued. Never blocks. Throws std::bad_alloc only.
  std::vector<event_ptr> try_drain(std::size_t budget_bytes);

  /// True once its bus is gone: queued events still drain, then `recv`
  /// returns nullopt at once. Also true for a moved-from receiver.
  bool closed() const noexcept;

  /// The subscriber label given at subscription, as in logs.
  const std::string& label() const noexcept;
  /// The capsule label given at subscription, as in logs and bus_stats.
  const std::string& capsule_label() const noexcept;
  /// The capsule that subscribed (nil for a moved-from receiver).
  const astrid::uuid& capsule() const noexcept;
  /// The scope given at subscription (everyone for a moved-from receiver).
  const routed_scope& scope() const noexcept;

  /// Bytes queued on this route (at most 1 MiB). Never throws.
  std::size_t queued_bytes() const noexcept;
  /// Events queued on this route. Never throws.
  std::size_t queued_events() const noexcept;
  /// Principal queues currently allocated (principals with queued events).
  /// Never throws.
  std::size_t queued_principals() const noexcept;
  /// Times the bus woke this receiver out of a blocking `recv` (for tests
  /// and diagnostics: events a scoped route drops never wake it). Never throws.
  std::uint64_t wakeups() const noexcept;
  /// True while a `recv` on this receiver is blocked waiting for an event
  /// (on a connected bus: while the owning bus holds the read open). Lets a
  /// test publish once the reader sleeps, without timing. Never throws.
  bool waiting() const noexcept;

 private:
  std::unique_ptr<detail::routed_source> source_;
};

}  // namespace astrid::bus
