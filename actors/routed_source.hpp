// The reading end of a routed subscription, behind routed_receiver: the
// route it reads, who subscribed (for logs and stats), and the detach that
// removes the route from the bus when the receiver is destroyed.
#pragma once

#include "actors/bus_shared.hpp"
#include "actors/route.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace astrid::bus::detail {

/// One routed subscription's reading end. Used by one thread at a time.
class routed_source {
 public:
  /// Reads `queue`, registered at the router as subscription `id` of the
  /// bus `shared`, on behalf of `owner`. Counts itself in
  /// bus_shared::routed_subscriptions. Never throws.
  routed_source(std::shared_ptr<bus_shared> shared, std::uint64_t id,
                std::shared_ptr<route> queue, route_owner owner) noexcept;
  /// Uncounts itself and tells the bus (if still there) to drop the route.
  /// Never throws.
  ~routed_source();
  routed_source(const routed_source&) = delete;
  routed_source& operator=(const routed_source&) = delete;

  /// The route read. Never throws.
  route& queue() const noexcept { return *queue_; }
  /// Who subscribed. Never throws.
  const route_owner& owner() const noexcept { return owner_; }

 private:
  std::shared_ptr<bus_shared> shared_;
  std::uint64_t id_;
  std::shared_ptr<route> queue_;
  route_owner owner_;
};

}  // namespace astrid::bus::detail
