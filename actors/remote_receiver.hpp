// The consuming end of a subscription to a bus on another node: an actor the
// owning bus sends wire_batch requests to (credit returns with its reply),
// a bounded drop-oldest queue it fills, and the receiver_source that
// event_receiver reads. Lag counted on the owning bus arrives with each batch
// and is added to the local count, so drain_lagged() stays exact.
#pragma once

#include "actors/receiver_source.hpp"
#include "actors/wire_inspect.hpp"
#include "core/bounded_queue.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

namespace astrid::bus::detail {

/// Shared by the receiver actor (writer) and one reader thread.
class remote_queue {
 public:
  /// A queue of at most `capacity` events. Throws std::invalid_argument for 0.
  explicit remote_queue(std::size_t capacity) : queue_{capacity} {}

  /// Appends a batch: its `lagged` first, then its events (drop-oldest).
  void push(wire_batch& batch);
  /// Marks the stream ended (the owning node is gone) and wakes the reader.
  void close() noexcept;
  /// Moves up to `max` events to `out`, waiting until `deadline` (when given)
  /// for the first; returns the losses not yet drained.
  std::uint64_t read(std::vector<event_ptr>& out, std::size_t max,
                     const std::chrono::steady_clock::time_point* deadline);
  /// Losses since the last call, then 0. Never throws.
  std::uint64_t drain_lagged() noexcept;
  /// True once the stream ended. Never throws.
  bool closed() const noexcept;

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  core::bounded_queue<event_ptr> queue_;
  std::uint64_t remote_lagged_ = 0;  // counted on the owning bus, not drained yet
  bool closed_ = false;
};

/// Spawns the receiver actor feeding `queue`; it closes the queue and quits
/// when `gateway` (the owning bus's gateway) goes down.
caf::actor spawn_remote_receiver(caf::actor_system& sys, std::shared_ptr<remote_queue> queue,
                                 caf::actor gateway);

/// event_receiver's source for a remote subscription; destroying it stops
/// the receiver actor, which ends the subscription on the owning bus.
class remote_source final : public receiver_source {
 public:
  remote_source(std::shared_ptr<bus_shared> shared, std::shared_ptr<remote_queue> queue,
                caf::actor receiver, std::string label);
  ~remote_source() override;
  bool closed() const noexcept override { return queue_->closed(); }

 protected:
  std::uint64_t fill(std::vector<event_ptr>& out, const time_point* deadline) override;
  std::uint64_t take_lagged() noexcept override { return queue_->drain_lagged(); }

 private:
  std::shared_ptr<remote_queue> queue_;
  caf::actor receiver_;
};

}  // namespace astrid::bus::detail
