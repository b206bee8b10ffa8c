// The remote bridge's entry points for the event_bus facade: serving a bus
// to other nodes and talking to a bus on another node. Internal header.
#pragma once

#include <astrid/bus/bus_config.hpp>
#include <astrid/bus/event_ptr.hpp>
#include <astrid/bus/event_receiver.hpp>

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace astrid::bus {
struct publish_result;
}  // namespace astrid::bus

namespace astrid::bus::detail {

class bus_impl;

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
  /// Stops the watcher. Never throws.
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
  /// Subscribers on the owning bus; 0 when it is gone. Never throws.
  std::size_t subscriber_count() const noexcept;
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
