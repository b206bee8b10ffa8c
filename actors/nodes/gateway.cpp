// The gateway of a serving bus (see gateway.hpp).
#include "actors/nodes/gateway.hpp"

#include "actors/local/route_lease.hpp"
#include "actors/nodes/route_keeper.hpp"
#include "actors/nodes/sync_relay.hpp"
#include "actors/quiet_actor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/sec.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>
#include <caf/to_string.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_set>
#include <utility>

namespace astrid::bus::detail {

namespace {

struct gateway_state {
  gateway_state() = default;  // not an aggregate: CAF must not build it from `self`
  local_bus_actor bus;
  limiter_actor limiter;
  std::shared_ptr<bus_shared> shared;
  std::unordered_set<std::uint64_t> remote_sync;  // ids of sync subscribers of other nodes
  std::map<std::uint64_t, std::weak_ptr<route>> remote_routes;  // routes of other nodes, by id
  std::map<caf::actor_addr, caf::node_id> callers;  // connected nodes' callers (hello)
  std::map<caf::node_id, std::size_t> nodes;        // callers per connected node
  // Nodes this gateway counts in the bus's metrics; shared with the
  // cleanup that uncounts them when the gateway ends.
  std::shared_ptr<std::size_t> counted = std::make_shared<std::size_t>(0);
  static constexpr const char* name = "astrid.gateway";
};

using gateway_pointer = gateway_actor::stateful_pointer<gateway_state>;

// The event of a message from another node, for the bus to stamp. Freshly
// decoded events are held by the message alone and are taken as they are;
// anything else is copied, never changed under another holder.
std::shared_ptr<astrid::event> own_copy(const wire_event& w) {
  if (!w.ev) throw std::invalid_argument{"astrid::bus: empty wire event"};
  if (w.ev.use_count() == 1) return std::const_pointer_cast<astrid::event>(w.ev);
  return std::make_shared<astrid::event>(*w.ev);
}

using id_promise = caf::typed_response_promise<std::uint64_t>;

// A receiver `who` on another node: the router sends it wire batches
// itself; answers the subscription id.
id_promise remote_subscribe(gateway_pointer self, caf::actor who, std::string pattern,
                            std::string label) {
  auto& st = self->state;
  const auto id = st.shared->new_id();
  auto node = caf::to_string(who.node());
  label += "@" + node;  // lag lines then say which receiver on which node lagged
  auto rp = self->make_response_promise<std::uint64_t>();
  auto shared = st.shared;
  auto shown = pattern.empty() ? std::string{"*all*"} : pattern;
  after<bool, gateway_actor>(
      self, st.bus,
      [&](ticket<bool> t) {
        return actor_attach{id, std::move(who), pattern, label, std::move(t), true};
      },
      [rp, id, shared, label, node, shown](std::optional<bool> ok) mutable {
        if (!ok) return void(rp.deliver(bus_gone()));
        shared->log->info("remote subscriber connected subscriber={} node={} pattern={} id={}",
                          label, node, shown, id);
        rp.deliver(id);
      });
  return rp;
}

// A sync subscriber whose object lives in actor `host` on another node.
id_promise remote_add_subscriber(gateway_pointer self, caf::actor host, std::string name) {
  auto& st = self->state;
  const auto id = st.shared->new_id();
  name += "@" + caf::to_string(host.node());
  auto stand_in = std::make_shared<remote_stand_in>(name);
  auto rp = self->make_response_promise<std::uint64_t>();
  after<bool, gateway_actor>(
      self, st.bus,
      [&](ticket<bool> t) {
        return sync_attach{id, std::move(stand_in), name, std::move(t), std::move(host)};
      },
      [self, rp, id, name](std::optional<bool> ok) mutable {
        if (!ok) return void(rp.deliver(bus_gone()));
        self->state.remote_sync.insert(id);
        self->state.shared->log->info("remote sync subscriber connected subscriber={} id={}",
                                      name, id);
        rp.deliver(id);
      });
  return rp;
}

// Removes a sync subscriber registered by remote_add_subscriber (and no
// other: a node cannot remove this bus's own subscribers).
caf::typed_response_promise<bool> remote_remove_subscriber(gateway_pointer self, std::uint64_t id) {
  auto rp = self->make_response_promise<bool>();
  if (self->state.remote_sync.erase(id) == 0) return rp.deliver(false);
  using released = std::shared_ptr<subscriber>;
  after<released, gateway_actor>(
      self, self->state.bus, [id](ticket<released> t) { return sync_detach{id, std::move(t)}; },
      [rp](std::optional<released> stand_in) mutable {
        if (!stand_in) return void(rp.deliver(bus_gone()));
        rp.deliver(*stand_in != nullptr);
      });
  return rp;
}

// A routed subscription read by `client` on another node: the route lives
// here, behind a keeper; answers the keeper.
caf::typed_response_promise<caf::actor, std::uint64_t> remote_subscribe_routed(
    gateway_pointer self, caf::actor client, wire_route_spec& spec) {
  auto& st = self->state;
  const auto id = st.shared->new_id();
  const auto node = caf::to_string(client.node());
  route_owner owner{astrid::uuid::parse(spec.capsule).value_or(astrid::uuid::nil()),
                    std::move(spec.capsule_label), std::move(spec.label) + "@" + node};
  auto gate = spec.gate_open ? route_gate::published() : route_gate::staged();
  auto queue = std::make_shared<route>(scope_of(spec), std::move(gate),
                                       st.shared->cfg.routed_principal_cap);
  auto rp = self->make_response_promise<caf::actor, std::uint64_t>();
  auto pattern = spec.pattern;
  std::erase_if(st.remote_routes, [](const auto& entry) { return entry.second.expired(); });
  st.remote_routes.emplace(id, queue);
  after<bool, gateway_actor>(
      self, st.bus,
      [&](ticket<bool> t) { return route_attach{id, spec.pattern, queue, owner, std::move(t)}; },
      [self, rp, id, queue, owner, client, pattern](std::optional<bool> ok) mutable {
        if (!ok) return void(rp.deliver(bus_gone()));
        auto& s = self->state;
        auto keeper = spawn_route_keeper(self, route_lease{s.shared, id, queue, owner}, client,
                                         s.shared->log);
        s.shared->log->info(
            "remote routed subscriber connected capsule={} subscriber={} pattern={}",
            owner.capsule_label, owner.label, pattern);
        rp.deliver(caf::actor_cast<caf::actor>(keeper), id);
      });
  return rp;
}

// The subscriber's node published or retired the gate of route `id`.
void set_remote_gate(gateway_pointer self, std::uint64_t id, bool open) {
  auto it = self->state.remote_routes.find(id);
  if (it == self->state.remote_routes.end()) return;
  auto queue = it->second.lock();
  if (!queue) return;
  auto gate = queue->gate();  // copies share the gate
  if (open)
    gate.publish();
  else
    gate.retire();
}

using ipc_promise = caf::typed_response_promise<bool, std::uint64_t, std::string>;

ipc_promise remote_publish_ipc(gateway_pointer self, const wire_event& w) {
  auto job = own_copy(w);
  auto rp = self->make_response_promise<bool, std::uint64_t, std::string>();
  if (astrid::as_ipc(*job) == nullptr)
    return rp.deliver(false, std::uint64_t{0}, std::string{"Not an IPC message"});
  after<publish_outcome, gateway_actor>(
      self, self->state.limiter,
      [&](publish_ticket t) { return ipc_job{std::move(job), std::move(t)}; },
      [rp](std::optional<publish_outcome> out) mutable {
        if (!out) return void(rp.deliver(bus_gone()));
        if (!out->rejected.empty())
          rp.deliver(false, std::uint64_t{0}, std::move(out->rejected));
        else
          rp.deliver(true, static_cast<std::uint64_t>(out->receivers), std::string{});
      });
  return rp;
}

id_promise remote_publish(gateway_pointer self, const wire_event& w) {
  auto rp = self->make_response_promise<std::uint64_t>();
  after<publish_outcome, gateway_actor>(
      self, self->state.bus,
      [&](publish_ticket t) { return publish_job{own_copy(w), std::move(t)}; },
      [rp](std::optional<publish_outcome> out) mutable {
        if (!out) return void(rp.deliver(bus_gone()));
        rp.deliver(static_cast<std::uint64_t>(out->receivers));
      });
  return rp;
}

caf::typed_response_promise<bus_stats> remote_stats(gateway_pointer self) {
  auto rp = self->make_response_promise<bus_stats>();
  auto shared = self->state.shared;
  after<bus_stats, gateway_actor>(
      self, self->state.bus, [](ticket<bus_stats> t) { return stats_query{std::move(t)}; },
      [rp, shared](std::optional<bus_stats> out) mutable {
        if (!out) return void(rp.deliver(bus_gone()));
        shared->fill(*out);
        rp.deliver(std::move(*out));
      });
  return rp;
}

// Counts the node of the asking actor (a connecting node's caller) as
// connected until that actor is gone.
void note_caller(gateway_pointer self) {
  auto sender = self->current_sender();
  if (!sender || sender->node() == self->node()) return;
  auto& st = self->state;
  auto addr = caf::actor_cast<caf::actor_addr>(sender);
  if (!st.callers.emplace(addr, sender->node()).second) return;
  self->monitor(sender);
  if (st.nodes[sender->node()]++ > 0) return;
  ++*st.counted;
  st.shared->metrics.add_node();
  st.shared->log->info("node connected node={}", caf::to_string(sender->node()));
}

void on_down(gateway_pointer self, const caf::down_msg& dm) {
  auto& st = self->state;
  if (dm.source == st.bus.address()) return self->quit(caf::exit_reason::user_shutdown);
  auto it = st.callers.find(dm.source);
  if (it == st.callers.end()) return;
  auto node = it->second;
  st.callers.erase(it);
  if (--st.nodes[node] > 0) return;
  st.nodes.erase(node);
  --*st.counted;
  st.shared->metrics.remove_node();
  st.shared->log->info("node disconnected node={} reason={}", caf::to_string(node),
                       self->system().render(dm.reason));
}

gateway_actor::behavior_type gateway_behavior(gateway_pointer self, local_bus_actor bus,
                                              limiter_actor limiter,
                                              std::shared_ptr<bus_shared> shared) {
  self->state.bus = bus;
  self->state.limiter = std::move(limiter);
  self->state.shared = std::move(shared);
  // What another node sends that is no gateway request lands in the bus log.
  log_instead_of_printing(self, self->state.shared->log);
  self->monitor(bus);
  self->set_down_handler([=](caf::down_msg& dm) { on_down(self, dm); });
  self->attach_functor([shared = self->state.shared, counted = self->state.counted] {
    for (std::size_t i = 0; i < *counted; ++i) shared->metrics.remove_node();
  });
  return {
      [=](rpublish_atom, const wire_event& w) { return remote_publish(self, w); },
      [=](rpost_atom, const wire_event& w) {
        self->send(self->state.bus, publish_job{own_copy(w), nullptr});
      },
      [=](ripc_atom, const wire_event& w) { return remote_publish_ipc(self, w); },
      [=](rsubscribe_atom, caf::actor who, std::string pattern, std::string label) {
        return remote_subscribe(self, std::move(who), std::move(pattern), std::move(label));
      },
      [=](rsyncadd_atom, caf::actor host, std::string name) {
        return remote_add_subscriber(self, std::move(host), std::move(name));
      },
      [=](rsyncdel_atom, std::uint64_t id) { return remote_remove_subscriber(self, id); },
      [=](rgate_atom, std::uint64_t id, bool open) { set_remote_gate(self, id, open); },
      [=](rroute_atom, caf::actor client, wire_route_spec& spec) {
        return remote_subscribe_routed(self, std::move(client), spec);
      },
      [=](rhello_atom) -> std::tuple<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t> {
        note_caller(self);
        const auto& s = *self->state.shared;
        return {s.cfg.capacity, s.census.subscribers(), s.census.count(subscriber_kind::routed),
                s.cfg.max_payload_bytes};
      },
      [=](rbusstats_atom) { return remote_stats(self); },
      [=](resume_job& job) { job.run(); },
  };
}

}  // namespace

gateway_actor spawn_gateway(caf::actor_system& sys, local_bus_actor bus, limiter_actor limiter,
                            std::shared_ptr<bus_shared> shared) {
  return sys.spawn(gateway_behavior, std::move(bus), std::move(limiter), std::move(shared));
}

}  // namespace astrid::bus::detail
