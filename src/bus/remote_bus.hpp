// The backend of a bus on another node, reached through its gateway. Every
// call is a request made by a caller actor that monitors the gateway
// (actors/nodes/gateway_caller.hpp), so a lost node is an error
// (bus_unavailable) at once, never a hang. Receivers are fed by actors the
// owning bus sends batches to; sync subscribers stay on this node in host
// actors (actors/nodes/sync_host.hpp); routed receivers read routes that
// live on the owning bus (actors/nodes/route_reader.hpp).
#pragma once

#include "actors/nodes/gateway.hpp"
#include "bus/bus_backend.hpp"
#include "shared/bus_shared.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace astrid::bus::detail {

/// A bus on another node.
class remote_bus final : public bus_backend {
 public:
  /// Connects to the gateway at host:port; `cfg` configures this side (see
  /// event_bus::connect). Throws std::logic_error when the system was not
  /// configured, bus_unavailable when the node cannot be reached.
  remote_bus(caf::actor_system& sys, const std::string& host, std::uint16_t port, bus_config cfg);
  /// Removes the sync subscribers added through this client (releasing
  /// them on this thread) and stops the caller actor. Never throws.
  ~remote_bus() override;
  remote_bus(const remote_bus&) = delete;
  remote_bus& operator=(const remote_bus&) = delete;

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
  const bus_config& config() const noexcept override { return cfg_; }
  bus_stats stats() const override;
  bus_actor handle() const noexcept override;
  std::uint16_t serve(std::uint16_t port, const std::string& bind) override;

 private:
  // Sends xs... to the gateway through the caller and hands the reply to
  // `on_reply`; throws bus_unavailable on error, timeout, or when the node
  // is (or goes) gone.
  template <class OnReply, class... Ts>
  void call(OnReply on_reply, Ts&&... xs) const;
  // Receiver of IPC events matching `pattern` ("" = every event).
  event_receiver receive(std::string pattern, std::string label);
  // What the owning bus says of itself.
  struct hello_reply {
    std::uint64_t capacity = 0;
    std::uint64_t subscribers = 0;
    std::uint64_t routed = 0;
    std::uint64_t max_payload_bytes = 0;
  };
  hello_reply hello() const;
  // Asks the connected bus actor xs... and waits for its T; throws
  // std::invalid_argument for a bad argument, bus_unavailable otherwise.
  template <class T, class... Ts>
  T ask_door(Ts&&... xs) const;

  caf::actor_system& sys_;
  gateway_actor gateway_;
  std::string where_;  // host:port, for messages
  std::shared_ptr<std::atomic<bool>> gone_ = std::make_shared<std::atomic<bool>>(false);
  caf::actor caller_;  // makes the blocking calls; monitors the gateway
  bus_actor door_;     // the bus as an actor on this node (handle())
  bus_config cfg_;     // this side's, with the owning bus's payload cap
  std::shared_ptr<bus_shared> shared_;  // local: receivers' lag counters and logger
  std::mutex hosts_mutex_;
  std::map<std::uint64_t, caf::actor> hosts_;  // sync subscribers added here, by id
};

}  // namespace astrid::bus::detail
