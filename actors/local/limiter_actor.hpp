// The rate limiter in front of the bus for guest IPC: every publish_ipc
// passes here first, is checked against its (source, principal) budget and
// the payload cap (core::rate_window), and is forwarded to the bus or
// refused. Being one actor in the path keeps each sender's order and the
// bus's seq monotonic.
#pragma once

#include "actors/local/bus_actor.hpp"
#include "actors/local/jobs.hpp"
#include "shared/bus_shared.hpp"

#include <caf/fwd.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Spawns the rate limiter (its interface, limiter_actor, is in jobs.hpp)
/// forwarding admitted IPC events to `bus`. Throws std::bad_alloc only.
limiter_actor spawn_limiter(caf::actor_system& sys, std::shared_ptr<bus_shared> shared,
                            local_bus_actor bus);

}  // namespace astrid::bus::detail
