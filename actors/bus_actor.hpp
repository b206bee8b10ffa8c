// The bus actor: the single point every published event passes, so IPC
// sequence numbers are monotonic and every receiver sees one order. It
// stamps, appends to the broadcast hub once (no message per receiver), and
// hands the event on to the topic router and the subscriber supervisor only
// when they have someone to serve.
#pragma once

#include "actors/bus_shared.hpp"
#include "actors/messages.hpp"

#include <memory>

namespace astrid::bus::detail {

/// Spawns the bus actor of `shared` in `sys`, with its topic router and
/// subscriber supervisor. Throws std::bad_alloc only.
bus_actor spawn_bus(caf::actor_system& sys, std::shared_ptr<bus_shared> shared);

}  // namespace astrid::bus::detail
