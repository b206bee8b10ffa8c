// The reading end of a routed subscription whose route lives on a bus on
// another node (see route_keeper.hpp for the owning end). Reads are requests:
// the calling thread hands a route_call with a ticket to a local reader
// actor, which asks the keeper and completes the ticket with its answer. The
// reader monitors the keeper, so a lost node or a gone bus drops every
// pending ticket (the read returns at once, the receiver reports closed)
// and a read never hangs; stopping the reader (dropping the receiver) makes
// the keeper remove the route.
#pragma once

#include "actors/call.hpp"
#include "actors/routed_source.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/fwd.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace astrid::bus::detail {

/// What a read asks the keeper.
enum class route_op : std::uint8_t { next, drain, stats };

/// The keeper's answer: events read, whether the route is closed and empty,
/// and for stats (queued bytes, queued events, principal queues, wake-ups).
struct route_answer {
  std::vector<event_ptr> events;
  bool closed = false;
  std::array<std::uint64_t, 4> stats{};
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

/// routed_receiver's source for a route on another node's bus.
class remote_routed_source final : public routed_source {
 public:
  /// Reads through `reader` (bound to its keeper); `closed` is the flag the
  /// reader sets. Never throws beyond std::string's move.
  remote_routed_source(caf::actor reader, std::shared_ptr<std::atomic<bool>> closed,
                       route_owner owner, std::optional<std::string> scope);
  /// Stops the reader: the owning bus removes the route. Never throws.
  ~remote_routed_source() override;

  std::optional<event_ptr> next(const time_point* deadline) override;
  std::vector<event_ptr> drain(std::size_t budget_bytes) override;
  bool closed() const noexcept override { return closed_->load(); }
  std::size_t bytes() const noexcept override { return stat(0); }
  std::size_t size() const noexcept override { return stat(1); }
  std::size_t principal_count() const noexcept override { return stat(2); }
  std::uint64_t wakes() const noexcept override { return stat(3); }

 private:
  // One read through the reader; nullopt (and closed) when it or the keeper is gone.
  std::optional<route_answer> call(route_op op, std::uint64_t arg) const;
  // Field `i` of the keeper's stats; 0 when it is gone.
  std::uint64_t stat(std::size_t i) const noexcept;

  caf::actor reader_;
  std::shared_ptr<std::atomic<bool>> closed_;
};

}  // namespace astrid::bus::detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::route_call)
