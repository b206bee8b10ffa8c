// How events travel inside one process: published once, then shared by every
// receiver as a `std::shared_ptr<const astrid::event>` (the Rust `Arc`), so a
// fan-out to a hundred receivers copies a pointer a hundred times, never the
// event. Actor subscribers receive them in credit-controlled `event_batch`es.
#pragma once

#include <astrid/messages.hpp>

#include <caf/allowed_unsafe_message_type.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace astrid::bus {

/// An immutable, shared, published event.
using event_ptr = std::shared_ptr<const astrid::event>;

/// What an actor subscriber (see `event_bus::subscribe_actor`) receives: the
/// next events for it, in publish order, and how many it lost just before
/// them because it had `capacity` events unacknowledged. The handler's
/// (empty) reply returns the credit; a plain handler needs no extra code.
struct event_batch {
  /// The events, in publish order; never empty.
  std::vector<event_ptr> events;
  /// Events dropped (oldest first) just before `events`.
  std::uint64_t lagged = 0;
};

}  // namespace astrid::bus

// Local-only message types: CAF copies the pointers, never the events. A
// batch for another node is serialized by the remote bridge, not by these.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::event_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::event_batch)
