// The reading end of a routed subscription, behind routed_receiver: who
// subscribed (for logs and stats) and the reads. Two kinds: a local source
// reads its route directly and removes it from the bus when destroyed; a
// remote one (remote_routed.hpp) asks the route's keeper on the owning bus.
#pragma once

#include "actors/bus_shared.hpp"
#include "actors/messages.hpp"
#include "actors/route.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
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
  routed_source(route_owner owner, std::optional<std::string> scope)
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

  /// Who subscribed. Never throws.
  const route_owner& owner() const noexcept { return owner_; }
  /// The scope given at subscription. Never throws.
  const std::optional<std::string>& scope() const noexcept { return scope_; }

 private:
  route_owner owner_;
  std::optional<std::string> scope_;
};

/// A routed subscription read in this process, straight from its route.
class local_routed_source final : public routed_source {
 public:
  /// Reads `queue`, registered at the router as subscription `id` of the
  /// bus `shared`, on behalf of `owner`. Counts itself in
  /// bus_shared::routed_subscriptions. Never throws beyond std::string's copy.
  local_routed_source(std::shared_ptr<bus_shared> shared, std::uint64_t id,
                      std::shared_ptr<route> queue, route_owner owner);
  /// Uncounts itself and tells the bus (if still there) to drop the route.
  /// Never throws.
  ~local_routed_source() override;

  std::optional<event_ptr> next(const time_point* deadline) override {
    return queue_->next(deadline);
  }
  std::vector<event_ptr> drain(std::size_t budget_bytes) override {
    return queue_->drain(budget_bytes);
  }
  bool closed() const noexcept override { return queue_->closed(); }
  std::size_t bytes() const noexcept override { return queue_->bytes(); }
  std::size_t size() const noexcept override { return queue_->size(); }
  std::size_t principal_count() const noexcept override { return queue_->principal_count(); }
  std::uint64_t wakes() const noexcept override { return queue_->wakes(); }

  /// The route read. Never throws.
  route& queue() const noexcept { return *queue_; }

 private:
  std::shared_ptr<bus_shared> shared_;
  std::uint64_t id_;
  std::shared_ptr<route> queue_;
};

/// Registers a routed subscription for `owner` on bus actor `bus` (sharing
/// `shared`) and returns its reading end. Blocks until the router has it:
/// call from a plain thread or a detached actor. Throws std::runtime_error
/// when the bus actor is gone, std::bad_alloc.
std::unique_ptr<local_routed_source> attach_route(const bus_actor& bus,
                                                  std::shared_ptr<bus_shared> shared,
                                                  std::string pattern, route_owner owner,
                                                  std::optional<std::string> scope);

}  // namespace astrid::bus::detail
