// The backend of a bus whose actors run here (see local_bus.hpp).
#include "bus/local_bus.hpp"

#include "actors/local/jobs.hpp"
#include "bus/receiver_source.hpp"
#include "bus/routed_source.hpp"
#include "shared/call.hpp"
#include "shared/home_shared.hpp"
#include "shared/log.hpp"

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>

namespace astrid::bus::detail {

namespace {

// Sends `make(ticket)` to `dest` and waits for the answer, at most
// `timeout_ms` (0: forever); throws std::runtime_error when that passed
// (naming `what`, the likely cause and the way out), or when the actors
// dropped the ticket unanswered (they are gone: the actor system stopped).
template <class T, class Dest, class Make>
T call(const Dest& dest, std::size_t timeout_ms, const char* what, Make make) {
  auto [token, state] = make_call<T>();
  caf::anon_send(dest, make(std::move(token)));
  if (timeout_ms > 0 && !state->wait_for(std::chrono::milliseconds{timeout_ms}))
    throw std::runtime_error{
        std::string{"astrid::bus: "} + what + " got no answer from the bus within " +
        std::to_string(timeout_ms) +
        " ms (call_timeout_ms). Called from inside an actor, a blocking call can hold every "
        "scheduler thread while the bus waits for one: actors use event_bus::handle() and "
        "request(...).then(...) instead"};
  auto result = state->wait();
  if (!result) throw std::runtime_error{"astrid::bus: the bus actor is gone (actor system stopped)"};
  return std::move(*result);
}

}  // namespace

local_bus::local_bus(caf::actor_system& sys, bus_config cfg)
    : sys_{sys}, shared_{std::make_shared<bus_shared>(std::move(cfg))} {
  set_bus_log_level(shared_->cfg.log_level);
  auto actors = spawn_bus(sys_, shared_);
  bus_ = std::move(actors.bus);
  limiter_ = std::move(actors.limiter);
  shared_->link(caf::actor_cast<caf::actor>(bus_));
}

local_bus::~local_bus() {
  try {
    auto released = call<subscriber_list>(bus_, 0, "shutdown", [](ticket<subscriber_list> t) {
      return shutdown_order{std::move(t)};
    });
    shared_->unlink();
    released.clear();  // the subscribers' destructors run here, on this thread
  } catch (...) {
    shared_->unlink();  // out of memory or no system: leave the rest to CAF
  }
}

std::size_t local_bus::publish(astrid::event ev) {
  auto job = detail::make_home_shared<astrid::event>(std::move(ev));
  auto out =
      call<publish_outcome>(bus_, shared_->cfg.call_timeout_ms, "publish", [&](publish_ticket t) {
        return publish_job{std::move(job), std::move(t)};
      });
  return out.receivers;  // `out.released` (self-removed subscribers) dies here
}

void local_bus::post(astrid::event ev) {
  if (shared_->posts.push(detail::make_home_shared<astrid::event>(std::move(ev))))
    caf::anon_send(bus_, drain_atom::value);
}

publish_result local_bus::publish_ipc(astrid::ipc_message msg) {
  auto job = detail::make_home_shared<astrid::event>(astrid::make_ipc_event(std::move(msg)));
  auto out = call<publish_outcome>(limiter_, shared_->cfg.call_timeout_ms, "publish_ipc",
                                   [&](publish_ticket t) {
                                     return ipc_job{std::move(job), std::move(t)};
                                   });
  if (!out.rejected.empty()) return publish_result{false, 0, std::move(out.rejected)};
  return publish_result{true, out.receivers, {}};
}

event_receiver local_bus::subscribe(std::string label) {
  auto cursor = call<core::ring_cursor>(
      bus_, shared_->cfg.call_timeout_ms, "subscribe",
      [](ticket<core::ring_cursor> t) { return ring_attach{std::move(t)}; });
  return event_receiver{std::make_unique<ring_source>(shared_, cursor, std::move(label))};
}

event_receiver local_bus::subscribe_topic(std::string pattern, std::string label) {
  const auto id = shared_->new_id();
  auto queue = std::make_shared<waitable_queue>(shared_->cfg.capacity);
  call<bool>(bus_, shared_->cfg.call_timeout_ms, "subscribe_topic", [&](ticket<bool> t) {
    return topic_attach{id, std::move(pattern), queue, std::move(t)};
  });
  shared_->census.add(subscriber_kind::topic_receiver);
  auto end = [shared = shared_, id]() noexcept {
    shared->census.remove(subscriber_kind::topic_receiver);
    try {
      shared->send_to_bus(topic_detach{id});
    } catch (...) {
      // out of memory while unsubscribing: the route stays until the bus ends
    }
  };
  return event_receiver{
      std::make_unique<queue_source>(shared_, std::move(queue), std::move(label), std::move(end))};
}

routed_receiver local_bus::subscribe_routed(std::string pattern, route_owner owner,
                                            routed_scope scope, route_gate gate) {
  const auto id = shared_->new_id();
  auto queue = std::make_shared<route>(std::move(scope), std::move(gate),
                                       shared_->cfg.routed_principal_cap);
  call<bool>(bus_, shared_->cfg.call_timeout_ms, "subscribe_routed", [&](ticket<bool> t) {
    return route_attach{id, std::move(pattern), queue, owner, std::move(t)};
  });
  return routed_receiver{std::make_unique<local_routed_source>(
      route_lease{shared_, id, std::move(queue), std::move(owner)})};
}

std::uint64_t local_bus::subscribe_actor(caf::actor who, std::string pattern, std::string label) {
  const auto id = shared_->new_id();
  call<bool>(bus_, shared_->cfg.call_timeout_ms, "subscribe_actor", [&](ticket<bool> t) {
    return actor_attach{id, std::move(who), std::move(pattern), std::move(label), std::move(t)};
  });
  return id;
}

bool local_bus::unsubscribe_actor(std::uint64_t id) {
  return call<bool>(bus_, shared_->cfg.call_timeout_ms, "unsubscribe_actor", [id](ticket<bool> t) {
    return actor_detach{id, std::move(t)};
  });
}

std::uint64_t local_bus::add_subscriber(std::shared_ptr<subscriber> s) {
  const auto id = shared_->new_id();
  auto name = s->name();
  call<bool>(bus_, shared_->cfg.call_timeout_ms, "add_subscriber", [&](ticket<bool> t) {
    return sync_attach{id, std::move(s), std::move(name), std::move(t), caf::actor{}};
  });
  return id;
}

bool local_bus::remove_subscriber(std::uint64_t id) {
  auto released =
      call<std::shared_ptr<subscriber>>(bus_, shared_->cfg.call_timeout_ms, "remove_subscriber",
                                        [id](ticket<std::shared_ptr<subscriber>> t) {
                                          return sync_detach{id, std::move(t)};
                                        });
  return released != nullptr;  // its destructor runs here, on the caller's thread
}

std::size_t local_bus::subscriber_count() const noexcept { return shared_->census.subscribers(); }

std::size_t local_bus::routed_subscription_count() const noexcept {
  return shared_->census.count(subscriber_kind::routed);
}

bus_stats local_bus::stats() const {
  auto out = call<bus_stats>(bus_, shared_->cfg.call_timeout_ms, "stats",
                             [](ticket<bus_stats> t) { return stats_query{std::move(t)}; });
  shared_->fill(out);
  return out;
}

bus_actor local_bus::handle() const noexcept { return bus_; }

}  // namespace astrid::bus::detail
