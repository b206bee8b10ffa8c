// How an actor that answers requests hands work to the bus's actors without
// waiting: the work carries a ticket (shared/call.hpp) whose completion sends
// the result back to the actor as a `resume_job`, and the continuation runs
// in the actor's own context, where it may deliver a response promise. The
// actor never blocks, so it works on a system with one scheduler thread.
#pragma once

#include "core/topic.hpp"
#include "shared/call.hpp"

#include <caf/actor_cast.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/error.hpp>
#include <caf/make_message.hpp>
#include <caf/sec.hpp>
#include <caf/send.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>

namespace astrid::bus::detail {

/// Local only, never crosses nodes: work the bus finished for an actor,
/// run in that actor's own context.
struct resume_job {
  std::function<void()> run;
};

/// A ticket whose completion runs `then(result)` in the context of actor
/// `me` (nullopt when the ticket was dropped unanswered: the bus is gone).
/// `me` must accept resume_job. Throws std::bad_alloc only.
template <class T, class Handle, class Then>
ticket<T> resume_ticket(Handle me, Then then) {
  return make_async_call<T>([me = std::move(me), then](std::optional<T> out) mutable {
    caf::anon_send(me, resume_job{[then, out]() mutable { then(std::move(out)); }});
  });
}

/// Sends `make(ticket)` to `dest`; `then(result)` runs later in `self`'s
/// own context (see resume_ticket). `Handle` is `self`'s typed handle.
/// Throws std::bad_alloc only.
template <class T, class Handle, class Self, class Dest, class Make, class Then>
void after(Self self, const Dest& dest, Make make, Then then) {
  self->send(dest, make(resume_ticket<T>(caf::actor_cast<Handle>(self), std::move(then))));
}

/// The error a request gets when the bus shut down while working on it.
inline caf::error bus_gone() {
  return caf::make_error(caf::sec::runtime_error, std::string{"the bus actor is gone"});
}

/// What a subscribe request of bus_actor gets for a null sink or a malformed
/// pattern (sec::invalid_argument naming it); an empty error when both are
/// fine ("" is every event). Never throws beyond std::bad_alloc.
inline caf::error check_subscription(bool sink_valid, const std::string& pattern) {
  if (!sink_valid)
    return caf::make_error(caf::sec::invalid_argument,
                           std::string{"astrid::bus: subscribe needs a valid event_sink"});
  if (pattern.empty()) return caf::none;
  if (auto why = core::validate_pattern(pattern))
    return caf::make_error(caf::sec::invalid_argument,
                           "astrid::bus: bad topic pattern '" + pattern + "': " + *why);
  return caf::none;
}

}  // namespace astrid::bus::detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::resume_job)
