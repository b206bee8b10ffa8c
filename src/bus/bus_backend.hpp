// What an event_bus forwards to: one implementation per kind of bus, a local
// one (local_bus.hpp: the actors run here) and one for a bus on another node
// (remote_bus.hpp: every call goes to its gateway). event_bus checks its
// arguments and forwards; it never asks which kind it holds.
#pragma once

#include <astrid/bus/bus_config.hpp>
#include <astrid/bus/bus_stats.hpp>
#include <astrid/bus/event_bus.hpp>
#include <astrid/bus/event_receiver.hpp>
#include <astrid/bus/routed_receiver.hpp>
#include <astrid/bus/subscriber.hpp>

#include "shared/route.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace astrid::bus::detail {

/// The body of an event_bus, shared by its copies. The functions mean what
/// event_bus's of the same name mean (see event_bus.hpp) and throw what
/// they document; arguments are checked by event_bus before they get here.
class bus_backend {
 public:
  virtual ~bus_backend() = default;

  virtual std::size_t publish(astrid::event ev) = 0;
  virtual void post(astrid::event ev) = 0;
  virtual publish_result publish_ipc(astrid::ipc_message msg) = 0;

  virtual event_receiver subscribe(std::string label) = 0;
  virtual event_receiver subscribe_topic(std::string pattern, std::string label) = 0;
  virtual routed_receiver subscribe_routed(std::string pattern, route_owner owner,
                                           routed_scope scope, route_gate gate) = 0;
  virtual std::uint64_t subscribe_actor(caf::actor who, std::string pattern,
                                        std::string label) = 0;
  virtual bool unsubscribe_actor(std::uint64_t id) = 0;
  virtual std::uint64_t add_subscriber(std::shared_ptr<subscriber> s) = 0;
  virtual bool remove_subscriber(std::uint64_t id) = 0;

  virtual std::size_t subscriber_count() const noexcept = 0;
  virtual std::size_t routed_subscription_count() const noexcept = 0;
  virtual const bus_config& config() const noexcept = 0;
  virtual bus_stats stats() const = 0;
  virtual bus_actor handle() const noexcept = 0;
  virtual std::uint16_t serve(std::uint16_t port, const std::string& bind) = 0;
};

/// Throws std::logic_error unless `sys` was made from a config prepared by
/// configure(); `what` names the caller in the message.
void require_configured(caf::actor_system& sys, const char* what);

/// Throws std::logic_error saying `what` is not available on a bus on
/// another node.
[[noreturn]] void not_on_connected_bus(const char* what);

}  // namespace astrid::bus::detail
