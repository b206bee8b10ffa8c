// A routed subscription registered with a bus, held by whoever reads it: a
// local routed_receiver, or the keeper of a route read from another node.
// While the lease lives the route counts in the census. Dropping it closes
// the route, so the bus queues nothing more there and counts no receiver for
// it from then on, uncounts it, and tells the bus (if it is still there) to
// unregister it: both readers end a route the same way, and once
// routed_subscription_count() no longer counts a route, no publish does.
#pragma once

#include "actors/local/jobs.hpp"
#include "shared/bus_shared.hpp"
#include "shared/route.hpp"

#include <cstdint>
#include <memory>
#include <utility>

namespace astrid::bus::detail {

/// Owns one registered route on behalf of its reader. Move-only.
class route_lease {
 public:
  /// Takes over route `queue`, registered as subscription `id` of the bus
  /// `shared` on behalf of `owner`; counts it. Never throws.
  route_lease(std::shared_ptr<bus_shared> shared, std::uint64_t id, std::shared_ptr<route> queue,
              route_owner owner) noexcept
      : shared_{std::move(shared)}, id_{id}, queue_{std::move(queue)}, owner_{std::move(owner)} {
    shared_->census.add(subscriber_kind::routed);
  }
  route_lease(route_lease&& other) noexcept
      : shared_{std::move(other.shared_)},
        id_{other.id_},
        queue_{std::move(other.queue_)},
        owner_{std::move(other.owner_)} {}
  route_lease& operator=(route_lease&&) = delete;
  route_lease(const route_lease&) = delete;
  route_lease& operator=(const route_lease&) = delete;
  /// Closes and uncounts the route and unregisters it from the bus. Never
  /// throws.
  ~route_lease() {
    if (!shared_) return;
    queue_->close();  // before the census: who sees the count drop sees it closed
    shared_->census.remove(subscriber_kind::routed);
    try {
      shared_->send_to_bus(route_detach{id_});
    } catch (...) {
      // out of memory while unsubscribing: the route stays until the bus ends
    }
  }

  /// The route. Never throws.
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
