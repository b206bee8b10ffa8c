// The event_bus facade: checks arguments and forwards to its backend, local
// (bus/local_bus.hpp) or on another node (bus/remote_bus.hpp). Copies share
// one backend.
#include <astrid/bus/event_bus.hpp>

#include "bus/local_bus.hpp"
#include "bus/remote_bus.hpp"
#include "core/topic.hpp"

#include <caf/actor_cast.hpp>

#include <stdexcept>
#include <string>
#include <utility>

namespace astrid::bus {

event_bus::event_bus(caf::actor_system& sys, bus_config cfg) {
  if (cfg.capacity == 0) throw std::invalid_argument{"astrid::bus: capacity must be > 0"};
  impl_ = std::make_shared<detail::local_bus>(sys, std::move(cfg));
}

event_bus event_bus::connect(caf::actor_system& sys, const std::string& host, std::uint16_t port,
                             bus_config cfg) {
  if (cfg.capacity == 0) throw std::invalid_argument{"astrid::bus: capacity must be > 0"};
  event_bus out;
  out.impl_ = std::make_shared<detail::remote_bus>(sys, host, port, std::move(cfg));
  return out;
}

std::uint16_t event_bus::serve(std::uint16_t port, const std::string& bind) {
  return impl_->serve(port, bind);
}

std::size_t event_bus::publish(astrid::event ev) { return impl_->publish(std::move(ev)); }

void event_bus::post(astrid::event ev) { impl_->post(std::move(ev)); }

publish_result event_bus::publish_ipc(astrid::ipc_message msg) {
  return impl_->publish_ipc(std::move(msg));
}

event_receiver event_bus::subscribe(std::string label) { return impl_->subscribe(std::move(label)); }

event_receiver event_bus::subscribe_topic(std::string pattern, std::string label) {
  return impl_->subscribe_topic(std::move(pattern), std::move(label));
}

routed_receiver event_bus::subscribe_routed(astrid::uuid capsule_uuid, std::string pattern,
                                            routed_options opts) {
  if (auto why = core::validate_pattern(pattern))
    throw std::invalid_argument{"astrid::bus: bad topic pattern '" + pattern + "': " + *why};
  detail::route_owner owner{capsule_uuid, std::move(opts.capsule_label),
                            std::move(opts.subscriber_label)};
  return impl_->subscribe_routed(std::move(pattern), std::move(owner), std::move(opts.scope),
                                 std::move(opts.gate));
}

routed_receiver event_bus::subscribe_routed(astrid::uuid capsule_uuid, std::string pattern,
                                            std::string capsule_label,
                                            std::string subscriber_label,
                                            std::optional<std::string> scope) {
  routed_options opts;
  opts.capsule_label = std::move(capsule_label);
  opts.subscriber_label = std::move(subscriber_label);
  if (scope)
    opts.scope = *scope == routed_system_scope ? routed_scope::system_only()
                                               : routed_scope::principal(std::move(*scope));
  return subscribe_routed(capsule_uuid, std::move(pattern), std::move(opts));
}

std::size_t event_bus::routed_subscription_count() const noexcept {
  return impl_->routed_subscription_count();
}

std::uint64_t event_bus::add_subscriber(std::shared_ptr<subscriber> s) {
  if (!s) throw std::invalid_argument{"astrid::bus: add_subscriber needs a subscriber"};
  return impl_->add_subscriber(std::move(s));
}

bool event_bus::remove_subscriber(std::uint64_t id) { return impl_->remove_subscriber(id); }

std::size_t event_bus::subscriber_count() const noexcept { return impl_->subscriber_count(); }

std::size_t event_bus::capacity() const noexcept { return impl_->config().capacity; }

const bus_config& event_bus::config() const noexcept { return impl_->config(); }

bus_stats event_bus::stats() const { return impl_->stats(); }

bus_actor event_bus::handle() const noexcept { return impl_->handle(); }

std::uint64_t event_bus::subscribe_actor(caf::actor who, std::string pattern, std::string label) {
  if (!who) throw std::invalid_argument{"astrid::bus: subscribe_actor needs a valid actor"};
  return impl_->subscribe_actor(std::move(who), std::move(pattern), std::move(label));
}

std::uint64_t event_bus::subscribe_actor(event_sink who, std::string pattern, std::string label) {
  return subscribe_actor(caf::actor_cast<caf::actor>(std::move(who)), std::move(pattern),
                         std::move(label));
}

bool event_bus::unsubscribe_actor(std::uint64_t id) { return impl_->unsubscribe_actor(id); }

}  // namespace astrid::bus
