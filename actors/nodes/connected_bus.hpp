// The bus actor of a connected bus (event_bus::connect(...).handle()): the
// public bus_actor interface on this node, answered by requests to the
// owning bus's gateway, so an actor here publishes, learns the rate
// limiter's verdict, subscribes and reads counters without blocking.
//
// An actor subscriber here is served through a bridge actor on this node:
// the owning bus sends the bridge wire batches (filtered there, credit-based
// as for any receiver on another node); the bridge hands each on to the
// subscriber as an event_batch request and answers the wire batch when the
// subscriber answered, so credit and `lagged` hold end to end. The bridge
// ends with its subscriber, and with the link.
#pragma once

#include "actors/nodes/gateway.hpp"
#include "shared/bus_shared.hpp"

#include <astrid/bus/bus_actor.hpp>

#include <caf/fwd.hpp>

#include <cstddef>
#include <memory>
#include <string>

namespace astrid::bus::detail {

/// Spawns the bus actor of a connected bus whose owning bus is reached
/// through `gateway`. `max_payload_bytes` is the owning bus's payload cap
/// (a publish_ipc above it is refused here, without a round trip);
/// `shared` gives the message limit and the log; `where` (host:port) names
/// the node in errors. Requests after the link was lost are answered with
/// an error at once; one in flight when it drops, after remote_call_timeout
/// at the latest. Quits on an exit message. Throws std::bad_alloc only.
bus_actor spawn_connected_bus(caf::actor_system& sys, gateway_actor gateway,
                              std::shared_ptr<bus_shared> shared, std::size_t max_payload_bytes,
                              std::string where);

}  // namespace astrid::bus::detail
