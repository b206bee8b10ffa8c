// event_bus's routed subscriptions (see event_bus.hpp, routed_receiver.hpp):
// kept apart from event_bus.cpp so the routed path reads in one place. The
// route object is made here (or, on a connected bus, by the owning bus's
// gateway), registered with the router through the bus actor, and read by
// the routed_receiver.
#include <astrid/bus/event_bus.hpp>

#include "actors/routed_source.hpp"
#include "bus/bus_impl.hpp"
#include "bus/remote.hpp"

#include <utility>

namespace astrid::bus {

routed_receiver event_bus::subscribe_routed(astrid::uuid capsule_uuid, std::string pattern,
                                            std::string capsule_label,
                                            std::string subscriber_label,
                                            std::optional<std::string> scope) {
  detail::route_owner owner{capsule_uuid, std::move(capsule_label), std::move(subscriber_label)};
  if (remote_)
    return routed_receiver{
        remote_->subscribe_routed(std::move(pattern), std::move(owner), std::move(scope))};
  return routed_receiver{detail::attach_route(impl_->bus, impl_->shared, std::move(pattern),
                                              std::move(owner), std::move(scope))};
}

std::size_t event_bus::routed_subscription_count() const noexcept {
  if (remote_) return remote_->routed_subscription_count();
  return impl_->shared->routed_subscriptions.load(std::memory_order_relaxed);
}

}  // namespace astrid::bus
