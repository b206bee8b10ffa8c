// The reading side of an async subscription, behind event_receiver: a local
// batch buffer in front of either the shared broadcast ring (all events) or
// a waitable_queue (a topic receiver's, or one fed by another node), plus
// the lag bookkeeping that logs every loss once, with the receiver's label,
// and counts it.
#pragma once

#include "core/broadcast_ring.hpp"
#include "shared/bus_shared.hpp"
#include "shared/waitable_queue.hpp"

#include <astrid/bus/event_ptr.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
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
  /// The next event of the batch already taken, if any: no lock, no clock.
  /// Never throws.
  std::optional<event_ptr> buffered() noexcept {
    if (pos_ == buffer_.size()) return std::nullopt;
    return std::move(buffer_[pos_++]);
  }
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
  std::uint32_t spin_ = 8;  // polling budget before parking (broadcast_hub::read)
};

/// Events read from a waitable_queue: a topic receiver's, fed by the topic
/// router, or a remote receiver's, fed by the actor its owning node sends
/// batches to.
class queue_source final : public receiver_source {
 public:
  /// Ends the subscription behind the queue; must not throw.
  using unsubscribe = std::function<void()>;

  /// Reads `queue` for the bus `shared`; `end` runs when the source is destroyed.
  queue_source(std::shared_ptr<bus_shared> shared, std::shared_ptr<waitable_queue> queue,
               std::string label, unsubscribe end);
  /// Runs the unsubscribe action given at construction.
  ~queue_source() override;
  bool closed() const noexcept override { return queue_->closed(); }

 protected:
  std::uint64_t fill(std::vector<event_ptr>& out, const time_point* deadline) override;
  std::uint64_t take_lagged() noexcept override { return queue_->drain_lagged(); }

 private:
  std::shared_ptr<waitable_queue> queue_;
  unsubscribe end_;
};

}  // namespace astrid::bus::detail
