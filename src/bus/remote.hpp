// The remote bridge's entry points for the event_bus facade: serving a bus
// to other nodes and talking to a bus on another node. Internal header.
#pragma once

#include <astrid/bus/bus_config.hpp>
#include <astrid/bus/event_ptr.hpp>
#include <astrid/bus/event_receiver.hpp>
#include <astrid/bus/subscriber.hpp>

#include "actors/route.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace astrid::bus {
struct publish_result;
}  // namespace astrid::bus

namespace astrid::bus::detail {

class bus_impl;
class routed_source;

/// Throws std::logic_error unless `sys` was made from a config prepared by
/// configure(); `what` names the caller in the message.
void require_configured(caf::actor_system& sys, const char* what);

/// Publishes a gateway for `impl` on `bind`:`port` (TLS when configure()
/// had TLS); returns the bound port. Throws std::logic_error when the system
/// was not configured, std::runtime_error when the port cannot be opened.
std::uint16_t serve_bus(bus_impl& impl, std::uint16_t port, const std::string& bind);

/// A bus on another node, reached through its gateway.
class remote_client {
 public:
  /// Connects to the gateway at host:port. Throws std::logic_error when the
  /// system was not configured, bus_unavailable when the node cannot be reached.
  remote_client(caf::actor_system& sys, const std::string& host, std::uint16_t port);
  /// Removes the sync subscribers added through this client (releasing
  /// them on this thread) and stops the caller actor. Never throws.
  ~remote_client();
  remote_client(const remote_client&) = delete;
  remote_client& operator=(const remote_client&) = delete;

  /// See event_bus::publish. Throws bus_unavailable when the node is gone.
  std::size_t publish(astrid::event ev);
  /// See event_bus::post. Dropped silently when the node is gone.
  void post(astrid::event ev);
  /// See event_bus::publish_ipc. Throws bus_unavailable when the node is gone.
  publish_result publish_ipc(astrid::ipc_message msg);
  /// A local receiver fed by the owning bus ("" = every event). Throws
  /// bus_unavailable when the node is gone.
  event_receiver subscribe(std::string pattern, std::string label);
  /// See event_bus::add_subscriber: the object stays on this node, run by a
  /// host actor here (actors/sync_host.hpp); the owning bus waits for it on
  /// publish. Throws bus_unavailable when the node is gone.
  std::uint64_t add_subscriber(std::shared_ptr<subscriber> s);
  /// See event_bus::remove_subscriber, for subscribers added through this
  /// client (false for any other id). The object is released on the calling
  /// thread, also when the node is gone; throws bus_unavailable then.
  bool remove_subscriber(std::uint64_t id);
  /// A routed subscription whose route lives on the owning bus, read by
  /// request (actors/remote_routed.hpp). Throws bus_unavailable when the
  /// node is gone.
  std::unique_ptr<routed_source> subscribe_routed(std::string pattern, route_owner owner,
                                                  std::optional<std::string> scope);
  /// Subscribers on the owning bus; 0 when it is gone. Never throws.
  std::size_t subscriber_count() const noexcept;
  /// Routed subscriptions on the owning bus (of every node); 0 when it is
  /// gone. Never throws.
  std::size_t routed_subscription_count() const noexcept;
  /// The configuration (capacity of the owning bus). Never throws.
  const bus_config& config() const noexcept { return cfg_; }
  /// The gateway actor. Never throws.
  caf::actor handle() const noexcept;

 private:
  struct state;
  std::shared_ptr<state> st_;
  bus_config cfg_;
};

}  // namespace astrid::bus::detail
