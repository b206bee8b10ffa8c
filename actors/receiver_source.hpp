// The receiving side of an async subscription, behind event_receiver: a
// local batch buffer in front of either the shared broadcast ring (all
// events) or a topic queue (matching IPC events), plus the lag bookkeeping
// that logs every loss once, with the receiver's label, and counts it.
#pragma once

#include "actors/broadcast_hub.hpp"
#include "actors/bus_shared.hpp"
#include "actors/topic_queue.hpp"
#include "core/broadcast_ring.hpp"

#include <astrid/bus/event_ptr.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace astrid::bus::detail {

/// One subscription's reading end. Used by one thread at a time.
class receiver_source {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  /// A source of the bus `shared`, logged as `label`.
  receiver_source(std::shared_ptr<bus_shared> shared, std::string label);
  virtual ~receiver_source() = default;
  receiver_source(const receiver_source&) = delete;
  receiver_source& operator=(const receiver_source&) = delete;

  /// The next event; waits until `deadline` when given. Throws std::bad_alloc only.
  std::optional<event_ptr> next(const time_point* deadline);
  /// Events lost since the last call, then 0. Never throws.
  std::uint64_t drain_lagged() noexcept;
  /// True once the bus is gone. Never throws.
  virtual bool closed() const noexcept = 0;
  /// The label given at subscription.
  const std::string& label() const noexcept { return label_; }

 protected:
  /// Moves the next batch into the empty `out`, waiting until `deadline`
  /// when given; returns the losses not yet drained.
  virtual std::uint64_t fill(std::vector<event_ptr>& out, const time_point* deadline) = 0;
  /// Returns the losses not yet drained (all of them, exact), resetting them.
  virtual std::uint64_t take_lagged() noexcept = 0;

  std::shared_ptr<bus_shared> shared_;

 private:
  void note_lag(std::uint64_t undrained) noexcept;

  std::string label_;
  std::vector<event_ptr> buffer_;
  std::size_t pos_ = 0;
  std::uint64_t logged_ = 0;  // part of the undrained lag already logged
};

/// All events, read from the bus's broadcast hub through a cursor.
class ring_source final : public receiver_source {
 public:
  /// Reads the hub of `shared` from `cursor` (attached by the bus actor).
  ring_source(std::shared_ptr<bus_shared> shared, core::ring_cursor cursor, std::string label);
  /// Detaches from the hub.
  ~ring_source() override;
  bool closed() const noexcept override;

 protected:
  std::uint64_t fill(std::vector<event_ptr>& out, const time_point* deadline) override;
  std::uint64_t take_lagged() noexcept override;

 private:
  core::ring_cursor cursor_;
};

/// Matching IPC events, read from a queue the topic router feeds.
class topic_source final : public receiver_source {
 public:
  /// Reads `queue`, registered at the router as subscription `id`.
  topic_source(std::shared_ptr<bus_shared> shared, std::uint64_t id,
               std::shared_ptr<topic_queue> queue, std::string label);
  /// Tells the bus (if still there) to drop the route.
  ~topic_source() override;
  bool closed() const noexcept override;

 protected:
  std::uint64_t fill(std::vector<event_ptr>& out, const time_point* deadline) override;
  std::uint64_t take_lagged() noexcept override;

 private:
  std::uint64_t id_;
  std::shared_ptr<topic_queue> queue_;
};

}  // namespace astrid::bus::detail
