// The serving side of the remote bridge: a gateway actor published through
// CAF's middleman (or caf-openssl) that turns requests from other nodes into
// the bus's own jobs, and one relay per remote subscriber that turns the
// router's credit-based event_batch requests into wire_batch requests to the
// remote receiver. The relay answers the router only when the remote node
// acknowledged, so credit (and lag) is accounted on this, the owning, bus.
#include "bus/remote.hpp"

#include "actors/log.hpp"
#include "actors/remote_protocol.hpp"
#include "bus/bus_impl.hpp"

#include <astrid/bus/event_bus.hpp>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/publish.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/system_messages.hpp>
#include <caf/to_string.hpp>

#include <stdexcept>
#include <string>
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

wire_batch to_wire(event_batch& b) {
  wire_batch out;
  out.lagged = b.lagged;
  out.events.reserve(b.events.size());
  for (auto& ev : b.events) out.events.push_back(wire_event{std::move(ev)});
  return out;
}

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
      [=](event_batch& b) {
        auto rp = self->make_response_promise();
        self->request(self->state.remote, caf::infinite, to_wire(b))
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
  static constexpr const char* name = "astrid.gateway";
};

using gateway_pointer = gateway_actor::stateful_pointer<gateway_state>;

std::shared_ptr<astrid::event> own_copy(const wire_event& w) {
  if (!w.ev) throw std::invalid_argument{"astrid::bus: empty wire event"};
  return std::make_shared<astrid::event>(*w.ev);
}

std::uint64_t remote_subscribe(gateway_pointer self, caf::actor who, std::string pattern,
                               std::string label) {
  auto& st = self->state;
  const auto id = st.shared->new_id();
  auto node = caf::to_string(who.node());
  label += "@" + node;  // lag lines then say which receiver on which node lagged
  auto relay = self->spawn<caf::linked>(relay_behavior, who, label, st.shared);
  bus_impl::must_call<bool>(st.bus, [&](ticket<bool> t) {
    return actor_attach{id, std::move(relay), pattern, label, std::move(t)};
  });
  st.shared->log->info("remote subscriber connected subscriber={} node={} pattern={} id={}",
                       label, node, pattern.empty() ? "*all*" : pattern, id);
  return id;
}

gateway_actor::behavior_type gateway_behavior(gateway_pointer self, bus_actor bus,
                                              limiter_actor limiter,
                                              std::shared_ptr<bus_shared> shared) {
  self->state.bus = bus;
  self->state.limiter = std::move(limiter);
  self->state.shared = std::move(shared);
  self->monitor(bus);
  self->set_down_handler([=](caf::down_msg&) { self->quit(caf::exit_reason::user_shutdown); });
  return {
      [=](rpublish_atom, const wire_event& w) -> std::uint64_t {
        auto job = own_copy(w);
        auto out = bus_impl::must_call<publish_outcome>(self->state.bus, [&](auto t) {
          return publish_job{std::move(job), std::move(t)};
        });
        return out.receivers;
      },
      [=](rpost_atom, const wire_event& w) {
        self->send(self->state.bus, publish_job{own_copy(w), nullptr});
      },
      [=](ripc_atom, const wire_event& w) -> std::tuple<bool, std::uint64_t, std::string> {
        auto job = own_copy(w);
        if (astrid::as_ipc(*job) == nullptr) return {false, 0, "Not an IPC message"};
        auto out = bus_impl::must_call<publish_outcome>(self->state.limiter, [&](auto t) {
          return ipc_job{std::move(job), std::move(t)};
        });
        if (!out.rejected.empty()) return {false, 0, std::move(out.rejected)};
        return {true, out.receivers, std::string{}};
      },
      [=](rsubscribe_atom, caf::actor who, std::string pattern,
          std::string label) -> std::uint64_t {
        return remote_subscribe(self, std::move(who), std::move(pattern), std::move(label));
      },
      [=](rhello_atom) -> std::tuple<std::uint64_t, std::uint64_t> {
        const auto& s = *self->state.shared;
        auto n = s.hub.readers() + s.topic_receivers.load() + s.actor_subscribers.load() +
                 s.sync_subscribers.load();
        return {s.cfg.capacity, n};
      },
  };
}

}  // namespace

void require_configured(caf::actor_system& sys, const char* what) {
  if (!sys.has_middleman() || !sys.types().make_value("astrid::wire_event"))
    throw std::logic_error{std::string{"astrid::bus: "} + what +
                           " needs an actor_system whose config was prepared with "
                           "astrid::bus::configure(cfg)"};
}

std::uint16_t serve_bus(bus_impl& impl, std::uint16_t port, const std::string& bind) {
  require_configured(impl.sys, "event_bus::serve");
  // Detached: the gateway blocks on the bus's answers (publish waits for sync
  // subscribers), which must not stall a scheduler worker.
  auto gw = impl.sys.spawn<caf::detached>(gateway_behavior, impl.bus, impl.limiter, impl.shared);
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
  return *bound;
}

}  // namespace astrid::bus::detail
