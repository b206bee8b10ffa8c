// The reading end of a routed subscription, behind routed_receiver: who
// subscribed (for logs and stats) and the reads. Two kinds: a local source
// reads its route directly and holds its lease (dropping it removes the
// route from the bus); a remote one asks the route's keeper on the owning
// bus through a reader actor (actors/nodes/route_reader.hpp).
#pragma once

#include "actors/local/route_lease.hpp"
#include "actors/nodes/route_reader.hpp"
#include "shared/route.hpp"

#include <caf/actor.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace astrid::bus::detail {

/// One routed subscription's reading end. Used by one thread at a time.
class routed_source {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  /// A source subscribed by `owner` with `scope`. Never throws beyond
  /// std::string's move.
  routed_source(route_owner owner, routed_scope scope)
      : owner_{std::move(owner)}, scope_{std::move(scope)} {}
  virtual ~routed_source() = default;
  routed_source(const routed_source&) = delete;
  routed_source& operator=(const routed_source&) = delete;

  /// Exactly one event in DRR order, waiting until `deadline` (when given);
  /// see route::next. Throws std::bad_alloc only.
  virtual std::optional<event_ptr> next(const time_point* deadline) = 0;
  /// See route::drain. Throws std::bad_alloc only.
  virtual std::vector<event_ptr> drain(std::size_t budget_bytes) = 0;
  /// True once the bus is gone (and, remotely, once its node is). Never throws.
  virtual bool closed() const noexcept = 0;
  /// Bytes queued. Never throws.
  virtual std::size_t bytes() const noexcept = 0;
  /// Events queued. Never throws.
  virtual std::size_t size() const noexcept = 0;
  /// Principal queues allocated. Never throws.
  virtual std::size_t principal_count() const noexcept = 0;
  /// Times the bus woke this reader. Never throws.
  virtual std::uint64_t wakes() const noexcept = 0;
  /// True while a read waits for an event. Never throws.
  virtual bool waiting() const noexcept = 0;

  /// Who subscribed. Never throws.
  const route_owner& owner() const noexcept { return owner_; }
  /// The scope given at subscription. Never throws.
  const routed_scope& scope() const noexcept { return scope_; }

 private:
  route_owner owner_;
  routed_scope scope_;
};

/// A routed subscription read in this process, straight from its route.
class local_routed_source final : public routed_source {
 public:
  /// Reads the route held by `lease`. Never throws beyond std::string's copy.
  explicit local_routed_source(route_lease lease)
      : routed_source{lease.owner(), lease.queue().scope()}, lease_{std::move(lease)} {}

  std::optional<event_ptr> next(const time_point* deadline) override {
    return queue().next(deadline);
  }
  std::vector<event_ptr> drain(std::size_t budget_bytes) override {
    return queue().drain(budget_bytes);
  }
  bool closed() const noexcept override { return queue().closed(); }
  std::size_t bytes() const noexcept override { return queue().bytes(); }
  std::size_t size() const noexcept override { return queue().size(); }
  std::size_t principal_count() const noexcept override { return queue().principal_count(); }
  std::uint64_t wakes() const noexcept override { return queue().wakes(); }
  bool waiting() const noexcept override { return queue().reader_waiting(); }

  /// The route read (tests look at whether its reader waits). Never throws.
  route& queue() const noexcept { return lease_.queue(); }

 private:
  route_lease lease_;
};

/// routed_receiver's source for a route on another node's bus.
class remote_routed_source final : public routed_source {
 public:
  /// Reads through `reader` (bound to its keeper); `closed` is the flag the
  /// reader sets. Hands every change of `gate` to `forward_gate`, which
  /// opens and closes the route on the owning bus. Throws std::bad_alloc only.
  remote_routed_source(caf::actor reader, std::function<void(bool)> forward_gate,
                       std::shared_ptr<std::atomic<bool>> closed, route_owner owner,
                       routed_scope scope, route_gate gate);
  /// Stops forwarding the gate and stops the reader: the owning bus
  /// removes the route. Never throws.
  ~remote_routed_source() override;

  std::optional<event_ptr> next(const time_point* deadline) override;
  std::vector<event_ptr> drain(std::size_t budget_bytes) override;
  bool closed() const noexcept override { return closed_->load(); }
  std::size_t bytes() const noexcept override { return stat(0); }
  std::size_t size() const noexcept override { return stat(1); }
  std::size_t principal_count() const noexcept override { return stat(2); }
  std::uint64_t wakes() const noexcept override { return stat(3); }
  bool waiting() const noexcept override { return stat(4) != 0; }

 private:
  // One read through the reader; nullopt (and closed) when it or the keeper is gone.
  std::optional<route_answer> call(route_op op, std::uint64_t arg) const;
  // Field `i` of the keeper's stats; 0 when it is gone.
  std::uint64_t stat(std::size_t i) const noexcept;

  caf::actor reader_;
  std::shared_ptr<std::atomic<bool>> closed_;
  route_gate gate_;
  std::uint64_t gate_watch_ = 0;
};

}  // namespace astrid::bus::detail
