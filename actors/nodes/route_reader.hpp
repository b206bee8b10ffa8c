// The reading node's actor for a routed subscription whose route lives on a
// bus on another node (route_keeper.hpp is the owning end). Reads are
// requests: the calling thread hands a route_call with a ticket to this
// reader actor, which asks the keeper and completes the ticket with its
// answer. The reader monitors the keeper, so a lost node or a gone bus drops
// every pending ticket (the read returns at once, the receiver reports
// closed) and a read never hangs; stopping the reader (dropping the
// receiver) makes the keeper remove the route.
#pragma once

#include "shared/call.hpp"

#include <astrid/bus/event_ptr.hpp>

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/fwd.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace astrid::bus::detail {

/// What a read asks the keeper.
enum class route_op : std::uint8_t { next, drain, stats };

/// The keeper's answer: events read, whether the route is closed and empty,
/// and for stats (queued bytes, queued events, principal queues, wake-ups,
/// whether a read is parked).
struct route_answer {
  std::vector<event_ptr> events;
  bool closed = false;
  std::array<std::uint64_t, 5> stats{};
};

/// source -> reader: one read (`arg` = timeout in ms for next, budget for drain).
struct route_call {
  route_op op = route_op::next;
  std::uint64_t arg = 0;
  ticket<route_answer> done;
};

/// Spawns the reader actor of one remote routed subscription. It expects
/// (rbind, keeper) before any route_call, then forwards route_calls to the
/// keeper; it sets `closed` and quits when the keeper is gone. Throws
/// std::bad_alloc only.
caf::actor spawn_route_reader(caf::actor_system& sys, std::shared_ptr<std::atomic<bool>> closed);

}  // namespace astrid::bus::detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::route_call)
