// The event_bus facade: each call is one message to the bus's actors, and
// the blocking calls wait on a small shared state, never on a scoped_actor
// (see actors/call.hpp). Copies share one bus_impl.
#include <astrid/bus/event_bus.hpp>

#include "actors/receiver_source.hpp"
#include "bus/bus_impl.hpp"
#include "bus/remote.hpp"

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

#include <stdexcept>
#include <string>
#include <utility>

namespace astrid::bus {

using detail::bus_impl;
using detail::ticket;

event_bus::event_bus(caf::actor_system& sys, bus_config cfg) {
  if (cfg.capacity == 0) throw std::invalid_argument{"astrid::bus: capacity must be > 0"};
  impl_ = std::make_shared<bus_impl>(sys, std::move(cfg));
}

namespace {
[[noreturn]] void not_on_connected_bus(const char* what) {
  throw std::logic_error{std::string{"astrid::bus: "} + what + " is not supported on a connected bus"};
}
}  // namespace

event_bus event_bus::connect(caf::actor_system& sys, const std::string& host, std::uint16_t port) {
  event_bus out;
  out.remote_ = std::make_shared<detail::remote_client>(sys, host, port);
  return out;
}

std::uint16_t event_bus::serve(std::uint16_t port, const std::string& bind) {
  if (remote_) not_on_connected_bus("serve");
  return detail::serve_bus(*impl_, port, bind);
}

std::size_t event_bus::publish(astrid::event ev) {
  if (remote_) return remote_->publish(std::move(ev));
  auto job = std::make_shared<astrid::event>(std::move(ev));
  auto out = bus_impl::must_call<detail::publish_outcome>(
      impl_->bus, [&](ticket<detail::publish_outcome> t) {
        return detail::publish_job{std::move(job), std::move(t)};
      });
  return out.receivers;  // `out.released` (self-removed subscribers) dies here
}

void event_bus::post(astrid::event ev) {
  if (remote_) return remote_->post(std::move(ev));
  caf::anon_send(impl_->bus,
                 detail::publish_job{std::make_shared<astrid::event>(std::move(ev)), nullptr});
}

publish_result event_bus::publish_ipc(astrid::ipc_message msg) {
  if (remote_) return remote_->publish_ipc(std::move(msg));
  auto job = std::make_shared<astrid::event>(astrid::make_ipc_event(std::move(msg)));
  auto out = bus_impl::must_call<detail::publish_outcome>(
      impl_->limiter, [&](ticket<detail::publish_outcome> t) {
        return detail::ipc_job{std::move(job), std::move(t)};
      });
  if (!out.rejected.empty()) return publish_result{false, 0, std::move(out.rejected)};
  return publish_result{true, out.receivers, {}};
}

event_receiver event_bus::subscribe(std::string label) {
  if (remote_) return remote_->subscribe({}, std::move(label));
  auto cursor = bus_impl::must_call<core::ring_cursor>(
      impl_->bus, [](ticket<core::ring_cursor> t) { return detail::ring_attach{std::move(t)}; });
  return event_receiver{
      std::make_unique<detail::ring_source>(impl_->shared, cursor, std::move(label))};
}

event_receiver event_bus::subscribe_topic(std::string pattern, std::string label) {
  if (remote_) return remote_->subscribe(std::move(pattern), std::move(label));
  const auto id = impl_->shared->new_id();
  auto queue = std::make_shared<detail::topic_queue>(impl_->shared->cfg.capacity);
  bus_impl::must_call<bool>(impl_->bus, [&](ticket<bool> t) {
    return detail::topic_attach{id, std::move(pattern), queue, std::move(t)};
  });
  impl_->shared->topic_receivers.fetch_add(1, std::memory_order_relaxed);
  return event_receiver{std::make_unique<detail::topic_source>(impl_->shared, id, std::move(queue),
                                                               std::move(label))};
}

std::uint64_t event_bus::add_subscriber(std::shared_ptr<subscriber> s) {
  if (!s) throw std::invalid_argument{"astrid::bus: add_subscriber needs a subscriber"};
  if (remote_) return remote_->add_subscriber(std::move(s));
  const auto id = impl_->shared->new_id();
  auto name = s->name();
  bus_impl::must_call<bool>(impl_->bus, [&](ticket<bool> t) {
    return detail::sync_attach{id, std::move(s), std::move(name), std::move(t), caf::actor{}};
  });
  return id;
}

bool event_bus::remove_subscriber(std::uint64_t id) {
  if (remote_) return remote_->remove_subscriber(id);
  auto released = bus_impl::must_call<std::shared_ptr<subscriber>>(
      impl_->bus, [id](ticket<std::shared_ptr<subscriber>> t) {
        return detail::sync_detach{id, std::move(t)};
      });
  return released != nullptr;  // its destructor runs here, on the caller's thread
}

std::size_t event_bus::subscriber_count() const noexcept {
  if (remote_) return remote_->subscriber_count();
  const auto& s = *impl_->shared;
  return s.hub.readers() + s.topic_receivers.load(std::memory_order_relaxed) +
         s.actor_subscribers.load(std::memory_order_relaxed) +
         s.sync_subscribers.load(std::memory_order_relaxed);
}

std::size_t event_bus::capacity() const noexcept {
  return remote_ ? remote_->config().capacity : impl_->shared->cfg.capacity;
}

const bus_config& event_bus::config() const noexcept {
  return remote_ ? remote_->config() : impl_->shared->cfg;
}

bus_stats event_bus::stats() const {
  if (remote_) not_on_connected_bus("stats");
  auto out = bus_impl::must_call<bus_stats>(
      impl_->bus, [](ticket<bus_stats> t) { return detail::stats_query{std::move(t)}; });
  impl_->shared->metrics.fill(out);
  return out;
}

caf::actor event_bus::handle() const noexcept {
  return remote_ ? remote_->handle() : caf::actor_cast<caf::actor>(impl_->bus);
}

std::uint64_t event_bus::subscribe_actor(caf::actor who, std::string pattern, std::string label) {
  if (!who) throw std::invalid_argument{"astrid::bus: subscribe_actor needs a valid actor"};
  if (remote_) not_on_connected_bus("subscribe_actor");
  const auto id = impl_->shared->new_id();
  bus_impl::must_call<bool>(impl_->bus, [&](ticket<bool> t) {
    return detail::actor_attach{id, std::move(who), std::move(pattern), std::move(label),
                                std::move(t)};
  });
  return id;
}

bool event_bus::unsubscribe_actor(std::uint64_t id) {
  if (remote_) not_on_connected_bus("unsubscribe_actor");
  return bus_impl::must_call<bool>(
      impl_->bus, [id](ticket<bool> t) { return detail::actor_detach{id, std::move(t)}; });
}

}  // namespace astrid::bus
