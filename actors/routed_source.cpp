// The reading end of a routed subscription (see routed_source.hpp).
#include "actors/routed_source.hpp"

#include <caf/send.hpp>

#include <stdexcept>
#include <utility>

namespace astrid::bus::detail {

local_routed_source::local_routed_source(std::shared_ptr<bus_shared> shared, std::uint64_t id,
                                         std::shared_ptr<route> queue, route_owner owner)
    : routed_source{std::move(owner), queue->scope()},
      shared_{std::move(shared)},
      id_{id},
      queue_{std::move(queue)} {
  shared_->routed_subscriptions.fetch_add(1, std::memory_order_relaxed);
}

local_routed_source::~local_routed_source() {
  shared_->routed_subscriptions.fetch_sub(1, std::memory_order_relaxed);
  try {
    shared_->send_to_bus(route_detach{id_});
  } catch (...) {
    // out of memory while unsubscribing: the route stays until the bus ends
  }
}

std::unique_ptr<local_routed_source> attach_route(const bus_actor& bus,
                                                  std::shared_ptr<bus_shared> shared,
                                                  std::string pattern, route_owner owner,
                                                  std::optional<std::string> scope) {
  const auto id = shared->new_id();
  auto queue = std::make_shared<route>(std::move(scope));
  auto [token, state] = make_call<bool>();
  caf::anon_send(bus, route_attach{id, std::move(pattern), queue, owner, std::move(token)});
  if (!state->wait())
    throw std::runtime_error{"astrid::bus: the bus actor is gone (actor system stopped)"};
  return std::make_unique<local_routed_source>(std::move(shared), id, std::move(queue),
                                               std::move(owner));
}

}  // namespace astrid::bus::detail
