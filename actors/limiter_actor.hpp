// The rate limiter in front of the bus for guest IPC: every publish_ipc
// passes here first, is checked against its (source, principal) budget and
// the payload cap, and is forwarded to the bus or refused. Being one actor
// in the path keeps each sender's order and the bus's seq monotonic.
#pragma once

#include "actors/bus_shared.hpp"
#include "actors/messages.hpp"

#include <caf/fwd.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Spawns the rate limiter forwarding admitted IPC events to `bus`.
limiter_actor spawn_limiter(caf::actor_system& sys, std::shared_ptr<bus_shared> shared,
                            bus_actor bus);

}  // namespace astrid::bus::detail
