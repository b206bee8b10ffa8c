// The consuming end of an async subscription, for plain (non-actor) threads:
// blocking and non-blocking reads, and the exact count of events lost to
// overflow. A slow receiver costs itself events, never the bus memory.
#pragma once

#include <astrid/bus/event_ptr.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace astrid::bus {

namespace detail {
class receiver_source;
}  // namespace detail

/// One async subscription (all events, or IPC events matching a topic
/// pattern). Move-only; destroying it unsubscribes. One consumer thread at a
/// time; different receivers may be used from different threads.
class event_receiver {
 public:
  /// Wraps the subscription `source`. Made by `event_bus`.
  explicit event_receiver(std::unique_ptr<detail::receiver_source> source) noexcept;
  event_receiver(event_receiver&&) noexcept;
  event_receiver& operator=(event_receiver&&) noexcept;
  event_receiver(const event_receiver&) = delete;
  event_receiver& operator=(const event_receiver&) = delete;
  /// Unsubscribes. Never throws, never waits for the bus.
  ~event_receiver();

  /// The next event, waiting up to `timeout` for one to be published.
  /// Returns nullopt on timeout, or at once when the bus is gone and
  /// everything buffered was read. Throws std::bad_alloc only.
  std::optional<event_ptr> recv(std::chrono::milliseconds timeout);

  /// The next event if one is ready, else nullopt. Never blocks (it may
  /// briefly take the lock the bus appends under). Throws std::bad_alloc only.
  std::optional<event_ptr> try_recv();

  /// Events this receiver lost to overflow since the last call (exact), then
  /// 0 until it loses more. Never throws.
  std::uint64_t drain_lagged() noexcept;

  /// True once its bus is gone: buffered events still drain, then `recv`
  /// returns nullopt at once. Also true for a moved-from receiver.
  bool closed() const noexcept;

  /// The label given at subscription ("untagged" by default), as in logs.
  const std::string& label() const noexcept;

 private:
  std::unique_ptr<detail::receiver_source> source_;
};

}  // namespace astrid::bus
