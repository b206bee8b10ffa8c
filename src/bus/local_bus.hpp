// The backend of a bus whose actors run in this process. Each call is one
// message to the bus's actors; blocking calls wait on a ticket
// (shared/call.hpp), never on a scoped_actor. Its destructor is the shutdown
// handshake that makes "destroying the last copy releases every subscriber"
// hold before the destructor returns.
#pragma once

#include "actors/local/bus_actor.hpp"
#include "actors/local/limiter_actor.hpp"
#include "bus/bus_backend.hpp"
#include "shared/bus_shared.hpp"

#include <caf/actor_system.hpp>

#include <memory>

namespace astrid::bus::detail {

/// A bus served by actors in `sys`.
class local_bus final : public bus_backend {
 public:
  /// Spawns the bus, router, supervisor and limiter actors in `sys`.
  /// Throws std::invalid_argument when `cfg.capacity` is 0.
  local_bus(caf::actor_system& sys, bus_config cfg);
  /// Shuts the actors down, waits until every sync subscriber is released
  /// and destroys them on this thread. Never throws.
  ~local_bus() override;
  local_bus(const local_bus&) = delete;
  local_bus& operator=(const local_bus&) = delete;

  std::size_t publish(astrid::event ev) override;
  void post(astrid::event ev) override;
  publish_result publish_ipc(astrid::ipc_message msg) override;
  event_receiver subscribe(std::string label) override;
  event_receiver subscribe_topic(std::string pattern, std::string label) override;
  routed_receiver subscribe_routed(std::string pattern, route_owner owner, routed_scope scope,
                                   route_gate gate) override;
  std::uint64_t subscribe_actor(caf::actor who, std::string pattern, std::string label) override;
  bool unsubscribe_actor(std::uint64_t id) override;
  std::uint64_t add_subscriber(std::shared_ptr<subscriber> s) override;
  bool remove_subscriber(std::uint64_t id) override;
  std::size_t subscriber_count() const noexcept override;
  std::size_t routed_subscription_count() const noexcept override;
  const bus_config& config() const noexcept override { return shared_->cfg; }
  bus_stats stats() const override;
  bus_actor handle() const noexcept override;
  std::uint16_t serve(std::uint16_t port, const std::string& bind) override;

 private:
  caf::actor_system& sys_;
  std::shared_ptr<bus_shared> shared_;  // shared with receivers and actors
  local_bus_actor bus_;
  limiter_actor limiter_;
};

}  // namespace astrid::bus::detail
