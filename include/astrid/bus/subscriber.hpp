// Synchronous subscribers: user objects called for every event they accept,
// each inside its own supervised actor. A handler that throws costs only its
// own actor, which is restarted around the same object (the reference's
// catch_unwind), so one faulty plugin cannot silence the others.
#pragma once

#include <astrid/messages.hpp>

#include <caf/actor.hpp>

#include <cstdint>
#include <string>

namespace astrid::bus {

/// Handed to `subscriber::on_event`: lets a handler talk back to the bus
/// without ever blocking (a blocking `event_bus::publish` from inside a
/// handler would wait for the handler itself). Valid during the call only.
class bus_context {
 public:
  /// A context for subscriber `id` of the bus actor `bus`. Made by the bus.
  bus_context(caf::actor bus, std::uint64_t id);

  /// Publishes `ev` fire-and-forget, like `event_bus::post` (IPC events are
  /// stamped; this handler sees it after the current call returns). Never
  /// blocks; throws std::bad_alloc only.
  void post(astrid::event ev);

  /// Removes the calling subscriber once the current call returns: it gets
  /// no later event, and the bus no longer holds it. Never throws.
  void unsubscribe_self() noexcept;

  /// The id `event_bus::add_subscriber` returned for the calling subscriber.
  std::uint64_t subscriber_id() const noexcept { return id_; }

  /// True once `unsubscribe_self()` was called.
  bool unsubscribe_requested() const noexcept { return unsubscribe_; }

 private:
  caf::actor bus_;
  std::uint64_t id_;
  bool unsubscribe_ = false;
};

/// A synchronous subscriber. `publish()` returns only after every subscriber
/// that accepts the event has handled it (or thrown). Implementations must
/// be safe to call from any one thread at a time (calls never overlap).
class subscriber {
 public:
  virtual ~subscriber() = default;
  /// Handles one event. May throw: the exception is logged with `name()`
  /// and counted, and the subscriber still receives the next events.
  virtual void on_event(const astrid::event& ev, bus_context& ctx) = 0;
  /// Filter: events for which this returns false are not delivered. Should
  /// not throw (a throw counts as a crash and skips the event).
  virtual bool accepts(const astrid::event&) const { return true; }
  /// Name used in logs and metrics.
  virtual std::string name() const { return "anonymous"; }
};

}  // namespace astrid::bus
