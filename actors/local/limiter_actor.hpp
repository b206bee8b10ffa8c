// The rate limiter in front of the bus for guest IPC: every publish_ipc
// passes here first, is checked against its (source, principal) budget and
// the payload cap (core::rate_window), and is forwarded to the bus or
// refused. Being one actor in the path keeps each sender's order and the
// bus's seq monotonic.
#pragma once

#include "actors/local/bus_actor.hpp"
#include "actors/local/jobs.hpp"
#include "shared/bus_shared.hpp"

#include <caf/atom.hpp>
#include <caf/fwd.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Asks the limiter to quit.
using shutdown_atom = caf::atom_constant<caf::atom("shutdown")>;

/// The limiter's interface: IPC events to check, shutdown.
using limiter_actor = caf::typed_actor<caf::reacts_to<ipc_job>, caf::reacts_to<shutdown_atom>>;

/// Spawns the rate limiter forwarding admitted IPC events to `bus`. Throws
/// std::bad_alloc only.
limiter_actor spawn_limiter(caf::actor_system& sys, std::shared_ptr<bus_shared> shared,
                            bus_actor bus);

}  // namespace astrid::bus::detail
