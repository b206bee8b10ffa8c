// The serving side of the remote bridge: a gateway actor published through
// CAF's middleman (or caf-openssl) that turns requests from other nodes into
// the bus's own jobs, and one relay per remote subscriber that forwards the
// router's credit-based wire_batch requests (events encoded once, on the
// router's thread) to the remote receiver. The relay answers the router only
// when the remote node acknowledged, so credit (and lag) is accounted on
// this, the owning, bus. The gateway never blocks: the bus answers it
// through tickets whose completion comes back to it as a message. Sync
// subscribers of other nodes get a relay slot in the supervisor
// (actors/sync_relay.hpp); their routed subscriptions get a route here, read
// through a keeper (actors/route_keeper.hpp).
#include "bus/remote.hpp"

#include "actors/log.hpp"
#include "actors/quiet_actor.hpp"
#include "actors/remote_protocol.hpp"
#include "actors/route_keeper.hpp"
#include "actors/sync_relay.hpp"
#include "bus/bus_impl.hpp"

#include <astrid/bus/event_bus.hpp>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/publish.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <caf/system_messages.hpp>
#include <caf/sec.hpp>
#include <caf/to_string.hpp>

#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>

namespace astrid::bus::detail {

namespace {

struct relay_state {
  relay_state() = default;  // not an aggregate: CAF must not build it from `self`
  caf::actor remote;
  std::string label;
  std::shared_ptr<bus_shared> shared;
  static constexpr const char* name = "astrid.remote_relay";
};

using relay_pointer = caf::stateful_actor<relay_state>*;

// One remote subscriber: forwards batches, answers the router once the
// remote node acknowledged; quits (normally) when the remote actor is gone.
caf::behavior relay_behavior(relay_pointer self, caf::actor remote, std::string label,
                             std::shared_ptr<bus_shared> shared) {
  self->state.remote = remote;
  self->state.label = std::move(label);
  self->state.shared = std::move(shared);
  self->monitor(remote);
  self->set_down_handler([=](caf::down_msg& dm) {
    // Unsubscribing ends the receiver with user_shutdown; anything else is a lost node.
    const bool orderly = !dm.reason || dm.reason == caf::exit_reason::user_shutdown;
    self->state.shared->log->log(orderly ? spdlog::level::info : spdlog::level::warn,
                                 "remote subscriber gone subscriber={} reason={}",
                                 self->state.label, self->system().render(dm.reason));
    self->quit();
  });
  return {
      [=](wire_batch& b) {
        auto rp = self->make_response_promise();
        self->request(self->state.remote, caf::infinite, std::move(b))
            .then([rp]() mutable { rp.deliver(caf::unit); },
                  [=](caf::error& err) mutable {
                    self->state.shared->log->warn(
                        "remote subscriber failed subscriber={} reason={}", self->state.label,
                        self->system().render(err));
                    rp.deliver(err);
                    self->quit();
                  });
        return rp;
      },
  };
}

struct gateway_state {
  gateway_state() = default;  // not an aggregate: CAF must not build it from `self`
  bus_actor bus;
  limiter_actor limiter;
  std::shared_ptr<bus_shared> shared;
  std::unordered_set<std::uint64_t> remote_sync;  // ids of sync subscribers of other nodes
  static constexpr const char* name = "astrid.gateway";
};

using gateway_pointer = gateway_actor::stateful_pointer<gateway_state>;

std::shared_ptr<astrid::event> own_copy(const wire_event& w) {
  if (!w.ev) throw std::invalid_argument{"astrid::bus: empty wire event"};
  return std::make_shared<astrid::event>(*w.ev);
}

caf::error bus_gone() {
  return caf::make_error(caf::sec::runtime_error, std::string{"the bus actor is gone"});
}

// Sends `make(ticket)` to `dest`; `then(result)` runs later in the gateway's
// own context (nullopt when the bus dropped the job: it is gone). The
// gateway never waits, so it needs no thread of its own.
template <class T, class Dest, class Make, class Then>
void after(gateway_pointer self, const Dest& dest, Make make, Then then) {
  auto me = caf::actor_cast<gateway_actor>(self);
  auto token = make_async_call<T>([me, then](std::optional<T> out) {
    caf::anon_send(me, gateway_resume{[then, out]() mutable { then(std::move(out)); }});
  });
  self->send(dest, make(std::move(token)));
}

using id_promise = caf::typed_response_promise<std::uint64_t>;

// A remote event receiver `who`: a relay turns the router's batches into
// wire batches; answers the subscription id.
id_promise remote_subscribe(gateway_pointer self, caf::actor who, std::string pattern,
                            std::string label) {
  auto& st = self->state;
  const auto id = st.shared->new_id();
  auto node = caf::to_string(who.node());
  label += "@" + node;  // lag lines then say which receiver on which node lagged
  auto relay = self->spawn<caf::linked>(relay_behavior, who, label, st.shared);
  auto rp = self->make_response_promise<std::uint64_t>();
  auto shared = st.shared;
  auto shown = pattern.empty() ? std::string{"*all*"} : pattern;
  after<bool>(
      self, st.bus,
      [&](ticket<bool> t) {
        return actor_attach{id, std::move(relay), pattern, label, std::move(t), true};
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
  after<bool>(
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
  after<released>(
      self, self->state.bus,
      [id](ticket<released> t) { return sync_detach{id, std::move(t)}; },
      [rp](std::optional<released> stand_in) mutable {
        if (!stand_in) return void(rp.deliver(bus_gone()));
        rp.deliver(*stand_in != nullptr);
      });
  return rp;
}

// A routed subscription read by `client` on another node: the route lives
// here, behind a keeper; answers the keeper.
caf::typed_response_promise<caf::actor> remote_subscribe_routed(gateway_pointer self,
                                                                caf::actor client,
                                                                wire_route_spec& spec) {
  auto& st = self->state;
  const auto id = st.shared->new_id();
  const auto node = caf::to_string(client.node());
  route_owner owner{astrid::uuid::parse(spec.capsule).value_or(astrid::uuid::nil()),
                    std::move(spec.capsule_label), std::move(spec.label) + "@" + node};
  std::optional<std::string> scope;
  if (spec.scoped) scope = std::move(spec.scope);
  auto queue = std::make_shared<route>(std::move(scope));
  auto rp = self->make_response_promise<caf::actor>();
  auto pattern = spec.pattern;
  after<bool>(
      self, st.bus,
      [&](ticket<bool> t) { return route_attach{id, spec.pattern, queue, owner, std::move(t)}; },
      [self, rp, id, queue, owner, client, pattern](std::optional<bool> ok) mutable {
        if (!ok) return void(rp.deliver(bus_gone()));
        auto& s = self->state;
        auto source = std::make_shared<local_routed_source>(s.shared, id, queue, owner);
        auto keeper = spawn_route_keeper(self, std::move(source), client, s.shared->log);
        s.shared->log->info(
            "remote routed subscriber connected capsule={} subscriber={} pattern={}",
            owner.capsule_label, owner.label, pattern);
        rp.deliver(caf::actor_cast<caf::actor>(keeper));
      });
  return rp;
}

using ipc_promise = caf::typed_response_promise<bool, std::uint64_t, std::string>;

ipc_promise remote_publish_ipc(gateway_pointer self, const wire_event& w) {
  auto job = own_copy(w);
  auto rp = self->make_response_promise<bool, std::uint64_t, std::string>();
  if (astrid::as_ipc(*job) == nullptr)
    return rp.deliver(false, std::uint64_t{0}, std::string{"Not an IPC message"});
  after<publish_outcome>(
      self, self->state.limiter, [&](publish_ticket t) { return ipc_job{std::move(job), std::move(t)}; },
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
  after<publish_outcome>(
      self, self->state.bus,
      [&](publish_ticket t) { return publish_job{own_copy(w), std::move(t)}; },
      [rp](std::optional<publish_outcome> out) mutable {
        if (!out) return void(rp.deliver(bus_gone()));
        rp.deliver(static_cast<std::uint64_t>(out->receivers));
      });
  return rp;
}

gateway_actor::behavior_type gateway_behavior(gateway_pointer self, bus_actor bus,
                                              limiter_actor limiter,
                                              std::shared_ptr<bus_shared> shared) {
  self->state.bus = bus;
  self->state.limiter = std::move(limiter);
  self->state.shared = std::move(shared);
  // What another node sends that is no gateway request lands in the bus log.
  log_instead_of_printing(self, self->state.shared->log);
  self->monitor(bus);
  self->set_down_handler([=](caf::down_msg&) { self->quit(caf::exit_reason::user_shutdown); });
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
      [=](rroute_atom, caf::actor client, wire_route_spec& spec) {
        return remote_subscribe_routed(self, std::move(client), spec);
      },
      [=](rhello_atom) -> std::tuple<std::uint64_t, std::uint64_t, std::uint64_t> {
        const auto& s = *self->state.shared;
        auto n = s.hub.readers() + s.topic_receivers.load() + s.actor_subscribers.load() +
                 s.sync_subscribers.load();
        return {s.cfg.capacity, n, s.routed_subscriptions.load()};
      },
      [=](gateway_resume& job) { job.run(); },
  };
}

}  // namespace

void require_configured(caf::actor_system& sys, const char* what) {
  if (!sys.has_middleman() || !sys.types().make_value(wire_event_name))
    throw std::logic_error{std::string{"astrid::bus: "} + what +
                           " needs an actor_system whose config was prepared with "
                           "astrid::bus::configure(cfg)"};
}

std::uint16_t serve_bus(bus_impl& impl, std::uint16_t port, const std::string& bind) {
  require_configured(impl.sys, "event_bus::serve");
  // Scheduled, not detached: it never waits on the bus (see `after`), and a
  // detached actor that nodes reference can hang actor_system shutdown in
  // CAF 0.17 (CAF issues #1110, #1196).
  auto gw = impl.sys.spawn(gateway_behavior, impl.bus, impl.limiter, impl.shared);
  const char* in = bind.empty() ? nullptr : bind.c_str();
  auto bound = impl.sys.has_openssl_manager() ? caf::openssl::publish(gw, port, in, true)
                                              : impl.sys.middleman().publish(gw, port, in, true);
  if (!bound) {
    caf::anon_send_exit(gw, caf::exit_reason::user_shutdown);
    std::string why = impl.sys.render(bound.error());
    throw std::runtime_error{"astrid::bus: cannot serve on " + bind + ":" + std::to_string(port) +
                             ": " + why};
  }
  impl.shared->log->info("serving bus on {}:{} tls={}", bind, *bound,
                         impl.sys.has_openssl_manager());
  // CAF 0.17's BASP broker believes the payload length in a peer's first
  // header and reserves that much (up to 4 GiB) before it reads a byte of
  // it. With TLS only peers holding a certificate of the CA get that far.
  const bool loopback = bind == "127.0.0.1" || bind == "::1" || bind == "localhost";
  if (!impl.sys.has_openssl_manager() && !loopback)
    impl.shared->log->warn(
        "security: serving without TLS on {}:{}: any peer that reaches this port can make the "
        "node reserve up to 4 GiB per connection; serve on loopback or with TLS",
        bind.empty() ? std::string{"*"} : bind, *bound);
  return *bound;
}

}  // namespace astrid::bus::detail
