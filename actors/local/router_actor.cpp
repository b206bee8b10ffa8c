// The topic router (see router_actor.hpp): a thin shell around
// core::topic_index, the topic queues and core::credit_window.
#include "actors/local/router_actor.hpp"

#include "actors/local/route_table.hpp"
#include "actors/quiet_actor.hpp"
#include "actors/wire/event.hpp"
#include "core/credit_window.hpp"
#include "core/topic_index.hpp"

#include <caf/error.hpp>
#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace astrid::bus::detail {

namespace {

constexpr std::size_t max_wake_interval = 64;

// Batches in flight to a sink on another node: enough to cover the link's
// round trip at full speed, few enough to bound what the link holds.
constexpr std::size_t remote_credit = 4;

using local_window = core::credit_window<event_batch>;
using remote_window = core::credit_window<wire_batch>;

struct topic_route {
  std::string pattern;
  std::shared_ptr<waitable_queue> queue;
};

// An actor subscriber; with a remote_window, `who` is an actor on another
// node (its proxy here) that gets wire_batches straight from the router.
struct actor_route {
  caf::actor who;
  std::string pattern;  // empty: every event
  std::string label;
  std::variant<local_window, remote_window> window;
  bool send_owed = false;  // has credit and pending events: in router_state::owed
  bool remote() const noexcept { return std::holds_alternative<remote_window>(window); }
};

// One published event as the routes take it: a remote route gets the event
// with its binary form, made at most once for all of them.
struct offered_event {
  const event_ptr& ev;
  std::optional<wire_event> wire{};

  const wire_event& for_wire(const bus_shared& shared) {
    if (wire) return *wire;
    try {
      wire = encode_for_wire(ev);
    } catch (const std::exception& e) {  // out of memory: never let it end the router
      shared.log->warn("event not pre-encoded for other nodes reason={}", e.what());
      wire = wire_event{ev};  // the middleman then serializes it itself
    }
    return *wire;
  }
};

struct router_state {
  router_state() = default;  // not an aggregate: CAF must not build it from `self`
  std::shared_ptr<bus_shared> shared;
  local_bus_actor bus;
  core::topic_index index;
  std::unordered_map<std::uint64_t, topic_route> topics;
  std::unordered_map<std::uint64_t, actor_route> actors;
  route_table routes;                   // routed subscriptions (ids in `index` too)
  // All-events actor routes, oldest first, with their entry in `actors`
  // (stable: unordered_map never moves its elements), so fan-out needs no
  // lookup per event and route.
  std::vector<std::pair<std::uint64_t, actor_route*>> everyone;
  std::vector<std::uint64_t> matches;   // scratch for index.match
  std::vector<std::uint64_t> owed;      // actor routes to send batches once a fanout_batch is in
  std::vector<std::shared_ptr<waitable_queue>> to_wake;
  std::size_t wake_interval = 1;
  std::size_t since_wake = 0;
  static constexpr const char* name = "astrid.bus.router";
};

using router_pointer = router_actor::stateful_pointer<router_state>;

// Wakes the topic queues pushed to once the mailbox is empty, or after
// `wake_interval` events.
void maybe_wake(router_pointer self, std::size_t events = 1) {
  auto& st = self->state;
  if (st.to_wake.empty()) return;
  st.since_wake += events;
  if (st.since_wake >= st.wake_interval || self->mailbox().empty()) {
    for (auto& q : st.to_wake) q->wake();
    st.to_wake.clear();
    st.since_wake = 0;
  }
}

void drop_actor_route(router_pointer self, std::uint64_t id, bool tell_bus) {
  auto& st = self->state;
  auto it = st.actors.find(id);
  if (it == st.actors.end()) return;
  if (it->second.pattern.empty())
    st.everyone.erase(std::remove_if(st.everyone.begin(), st.everyone.end(),
                                     [id](const auto& e) { return e.first == id; }),
                      st.everyone.end());
  else
    st.index.erase(it->second.pattern, id);
  st.actors.erase(it);
  st.shared->census.remove(subscriber_kind::actor);
  if (tell_bus) self->send(st.bus, sink_gone{id});
}

void send_batch(router_pointer self, std::uint64_t id);

void on_batch_failed(router_pointer self, std::uint64_t id, const caf::error& err) {
  auto it = self->state.actors.find(id);
  if (it == self->state.actors.end()) return;
  self->state.shared->log->warn("actor subscriber removed subscriber={} reason={}",
                                it->second.label, self->system().render(err));
  drop_actor_route(self, id, true);
}

// The next batch of `window`: for another node, no larger than a message
// between nodes may be.
std::optional<event_batch> next_batch(const bus_shared&, local_window& window) {
  return window.take();
}
std::optional<wire_batch> next_batch(const bus_shared& shared, remote_window& window) {
  return window.take(shared.cfg.message_limit() - wire_envelope_bytes, wire_size);
}

// Sends the batches the credit of route `id` allows.
void send_batch(router_pointer self, std::uint64_t id) {
  auto& st = self->state;
  auto it = st.actors.find(id);
  if (it == st.actors.end()) return;
  auto& route = it->second;
  std::visit(
      [&](auto& window) {
        while (auto batch = next_batch(*st.shared, window)) {
          if (batch->lagged > 0) {
            st.shared->metrics.add_lagged(route.label, batch->lagged);
            st.shared->log->warn("security: actor subscriber lagged subscriber={} lagged={}",
                                 route.label, batch->lagged);
          }
          self->request(route.who, caf::infinite, std::move(*batch))
              .then(
                  [=]() {
                    auto i = self->state.actors.find(id);
                    if (i == self->state.actors.end()) return;
                    const auto n =
                        std::visit([](auto& w) { return w.acknowledge(); }, i->second.window);
                    self->state.shared->metrics.add_acknowledged(i->second.label, n);
                    send_batch(self, id);
                  },
                  [=](caf::error& err) { on_batch_failed(self, id, err); });
        }
      },
      route.window);
}

// Offers `ev` to a receiver on another node. An event too large for a
// message between nodes cannot reach it: it is counted as lost (the
// receiver learns of it with its next batch) and logged.
bool offer_remote(const bus_shared& shared, actor_route& route, remote_window& window,
                  offered_event& ev) {
  const auto& w = ev.for_wire(shared);
  const auto limit = shared.cfg.message_limit();
  if (wire_size(w) + wire_envelope_bytes <= limit) return window.offer(w);
  window.lose(1);
  shared.log->warn(
      "event too large for a remote subscriber subscriber={} bytes={} max_message_bytes={}",
      route.label, wire_size(w), limit);
  return false;
}

// Offers `ev` to actor route `id`. A route with credit is owed a send,
// made by send_owed once the whole fanout_batch is offered: a batch then
// carries every event of it, where sending at once would ship the first
// event alone and make the rest wait a round trip.
void offer(router_state& st, std::uint64_t id, actor_route& route, offered_event& ev) {
  const bool credit = std::visit(
      [&](auto& window) {
        if constexpr (std::is_same_v<std::decay_t<decltype(window)>, remote_window>)
          return offer_remote(*st.shared, route, window, ev);
        else
          return window.offer(ev.ev);
      },
      route.window);
  if (credit && !route.send_owed) {
    route.send_owed = true;
    st.owed.push_back(id);
  }
}

void offer(router_state& st, std::uint64_t id, offered_event& ev) {
  if (auto it = st.actors.find(id); it != st.actors.end()) offer(st, id, it->second, ev);
}

// Sends the batches owed since the last call, route by route in the order
// they first took an event.
void send_owed(router_pointer self) {
  auto& st = self->state;
  for (const auto id : st.owed) {  // send_batch never adds to owed
    if (auto it = st.actors.find(id); it != st.actors.end()) {
      it->second.send_owed = false;
      send_batch(self, id);
    }
  }
  st.owed.clear();
}

void fanout(router_pointer self, fanout_job& job) {
  auto& st = self->state;
  std::size_t n = 0;
  offered_event offered{job.ev};
  for (auto& [id, route] : st.everyone) offer(st, id, *route, offered);
  n += st.everyone.size();
  if (const auto* ipc = astrid::as_ipc(*job.ev); ipc != nullptr && !st.index.empty()) {
    st.matches.clear();
    st.index.match(ipc->topic, st.matches);
    std::optional<std::size_t> routed_size;  // ipc_size, computed once for all routes
    std::size_t skipped = 0;                 // routes that did not take the event
    for (auto id : st.matches) {
      if (auto t = st.topics.find(id); t != st.topics.end()) {
        if (t->second.queue->push(job.ev)) st.to_wake.push_back(t->second.queue);
      } else if (auto d = st.routes.deliver(*st.shared, id, job.ev, *ipc, routed_size);
                 d != route_delivery::not_a_route) {
        skipped += d == route_delivery::skipped ? 1 : 0;
      } else {
        offer(st, id, offered);
      }
    }
    n += st.matches.size() - skipped;
  }
  if (n > 0) st.shared->metrics.add_delivered(n);
  if (job.done) job.done->update([n](publish_outcome& out) { out.receivers += n; });
}

void attach_actor(router_pointer self, actor_attach& job) {
  auto& st = self->state;
  self->monitor(job.who);
  const auto capacity = st.shared->cfg.capacity;
  using windows = decltype(actor_route::window);
  auto [it, added] = st.actors.emplace(
      job.id, actor_route{job.who, job.pattern, job.label,
                          job.remote ? windows{std::in_place_type<remote_window>, capacity,
                                               remote_credit}
                                     : windows{std::in_place_type<local_window>, capacity}});
  if (added) {
    if (job.pattern.empty())
      st.everyone.emplace_back(job.id, &it->second);
    else
      st.index.insert(job.pattern, job.id);
    st.shared->census.add(subscriber_kind::actor);
  }
  job.done->set(added);
}

// An actor subscriber ended. One on another node that ended by itself
// (unsubscribed: user_shutdown) is logged as info, a lost node as a warning.
void on_down(router_pointer self, const caf::down_msg& dm) {
  struct gone_route {
    std::uint64_t id;
    std::string label;
    bool remote;
  };
  std::vector<gone_route> gone;
  for (const auto& [id, route] : self->state.actors)
    if (route.who.address() == dm.source) gone.push_back({id, route.label, route.remote()});
  const bool orderly = !dm.reason || dm.reason == caf::exit_reason::user_shutdown;
  for (const auto& g : gone) {
    drop_actor_route(self, g.id, true);
    self->state.shared->log->log(orderly ? spdlog::level::info : spdlog::level::warn,
                                 "{} subscriber gone subscriber={} reason={}",
                                 g.remote ? "remote" : "actor", g.label,
                                 self->system().render(dm.reason));
  }
}

void shutdown(router_pointer self) {
  auto& st = self->state;
  for (auto& [id, route] : st.topics) route.queue->close();
  st.routes.close_all();
  st.topics.clear();
  st.actors.clear();
  st.to_wake.clear();
  self->quit();
}

router_actor::behavior_type router_behavior(router_pointer self,
                                            std::shared_ptr<bus_shared> shared, local_bus_actor bus) {
  auto& st = self->state;
  st.wake_interval = std::clamp<std::size_t>(shared->cfg.capacity / 16, 1, max_wake_interval);
  st.shared = std::move(shared);
  log_instead_of_printing(self, st.shared->log);
  st.bus = std::move(bus);
  self->set_down_handler([=](caf::down_msg& dm) { on_down(self, dm); });
  return {
      [=](fanout_batch& batch) {
        for (auto& job : batch.jobs) fanout(self, job);
        send_owed(self);
        maybe_wake(self, batch.jobs.size());
      },
      [=](topic_attach& job) {
        self->state.index.insert(job.pattern, job.id);
        self->state.topics.emplace(job.id, topic_route{job.pattern, job.queue});
        job.done->set(true);
        maybe_wake(self);
      },
      [=](topic_detach& job) {
        auto& s = self->state;
        if (auto it = s.topics.find(job.id); it != s.topics.end()) {
          s.index.erase(it->second.pattern, job.id);
          s.topics.erase(it);
        }
        maybe_wake(self);
      },
      [=](actor_attach& job) {
        attach_actor(self, job);
        maybe_wake(self);
      },
      [=](actor_detach& job) {
        const bool found = self->state.actors.count(job.id) > 0;
        drop_actor_route(self, job.id, false);
        job.done->set(found);
        maybe_wake(self);
      },
      [=](shutdown_order&) { shutdown(self); },  // the ticket drops after the queues closed
      [=](route_attach& job) {
        self->state.index.insert(job.pattern, job.id);
        self->state.routes.add(job.id, job.pattern, std::move(job.queue), std::move(job.owner));
        job.done->set(true);
        maybe_wake(self);
      },
      [=](route_detach& job) {
        if (auto pattern = self->state.routes.remove(job.id))
          self->state.index.erase(*pattern, job.id);
        maybe_wake(self);
      },
      [=](stats_query& job) {
        const auto held = self->state.routes.bytes();
        job.done->update([held](bus_stats& out) { out.routed_bytes += held; });
        maybe_wake(self);
      },
  };
}

}  // namespace

router_actor spawn_router(caf::actor_system& sys, std::shared_ptr<bus_shared> shared,
                          local_bus_actor bus) {
  return sys.spawn(router_behavior, std::move(shared), std::move(bus));
}

}  // namespace astrid::bus::detail
