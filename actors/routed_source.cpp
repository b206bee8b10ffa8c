// The reading end of a routed subscription (see routed_source.hpp).
#include "actors/routed_source.hpp"

#include "actors/messages.hpp"

#include <utility>

namespace astrid::bus::detail {

routed_source::routed_source(std::shared_ptr<bus_shared> shared, std::uint64_t id,
                             std::shared_ptr<route> queue, route_owner owner) noexcept
    : shared_{std::move(shared)}, id_{id}, queue_{std::move(queue)}, owner_{std::move(owner)} {
  shared_->routed_subscriptions.fetch_add(1, std::memory_order_relaxed);
}

routed_source::~routed_source() {
  shared_->routed_subscriptions.fetch_sub(1, std::memory_order_relaxed);
  try {
    shared_->send_to_bus(route_detach{id_});
  } catch (...) {
    // out of memory while unsubscribing: the route stays until the bus ends
  }
}

}  // namespace astrid::bus::detail
