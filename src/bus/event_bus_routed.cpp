// event_bus's routed subscriptions (see event_bus.hpp, routed_receiver.hpp):
// kept apart from event_bus.cpp so the routed path reads in one place. The
// route object is made here, registered with the router through the bus
// actor, and read by the routed_receiver.
#include <astrid/bus/event_bus.hpp>

#include "actors/routed_source.hpp"
#include "bus/bus_impl.hpp"

#include <stdexcept>
#include <utility>

namespace astrid::bus {

routed_receiver event_bus::subscribe_routed(astrid::uuid capsule_uuid, std::string pattern,
                                            std::string capsule_label,
                                            std::string subscriber_label,
                                            std::optional<std::string> scope) {
  if (remote_)
    throw std::logic_error{"astrid::bus: subscribe_routed is not supported on a connected bus"};
  const auto id = impl_->shared->new_id();
  auto queue = std::make_shared<detail::route>(std::move(scope));
  detail::route_owner owner{capsule_uuid, std::move(capsule_label), std::move(subscriber_label)};
  detail::bus_impl::must_call<bool>(impl_->bus, [&](detail::ticket<bool> t) {
    return detail::route_attach{id, std::move(pattern), queue, owner, std::move(t)};
  });
  auto source = std::make_unique<detail::routed_source>(impl_->shared, id, std::move(queue),
                                                        std::move(owner));
  return routed_receiver{std::move(source)};
}

std::size_t event_bus::routed_subscription_count() const noexcept {
  if (remote_) return 0;
  return impl_->shared->routed_subscriptions.load(std::memory_order_relaxed);
}

}  // namespace astrid::bus
