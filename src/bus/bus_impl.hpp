// What every copy of an event_bus shares: the actors of one bus and the
// state they share with its receivers. Its destructor is the shutdown
// handshake that makes "destroying the last copy releases every subscriber"
// hold before the destructor returns.
#pragma once

#include "actors/bus_shared.hpp"
#include "actors/call.hpp"
#include "actors/messages.hpp"

#include <caf/actor_system.hpp>
#include <caf/send.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

namespace astrid::bus::detail {

/// The body of an event_bus; one per bus, shared by its copies.
class bus_impl {
 public:
  /// Spawns the bus, router, supervisor and limiter actors in `sys`.
  /// Throws std::invalid_argument when `cfg.capacity` is 0.
  bus_impl(caf::actor_system& sys, bus_config cfg);
  /// Shuts the actors down, waits until every sync subscriber is released
  /// and destroys them on this thread. Never throws.
  ~bus_impl();
  bus_impl(const bus_impl&) = delete;
  bus_impl& operator=(const bus_impl&) = delete;

  /// Sends `make(ticket)` to `dest` and waits for the answer; nullopt when
  /// the actors dropped the ticket unanswered (they are gone).
  template <class T, class Dest, class Make>
  static std::optional<T> call(const Dest& dest, Make make) {
    auto [token, state] = make_call<T>();
    caf::anon_send(dest, make(std::move(token)));
    return state->wait();
  }

  /// `call`, throwing std::runtime_error when the bus is gone.
  template <class T, class Dest, class Make>
  static T must_call(const Dest& dest, Make make) {
    auto result = call<T>(dest, std::move(make));
    if (!result) throw std::runtime_error{"astrid::bus: the bus actor is gone (actor system stopped)"};
    return std::move(*result);
  }

  caf::actor_system& sys;              ///< where the actors run
  std::shared_ptr<bus_shared> shared;  ///< shared with receivers and actors
  bus_actor bus;                       ///< the bus actor
  limiter_actor limiter;               ///< the guest IPC rate limiter
};

}  // namespace astrid::bus::detail
