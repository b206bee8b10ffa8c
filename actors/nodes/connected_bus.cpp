// The bus actor of a connected bus (see connected_bus.hpp).
#include "actors/nodes/connected_bus.hpp"

#include "actors/quiet_actor.hpp"

#include <astrid/bus/rate_limiter.hpp>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/response_promise.hpp>
#include <caf/sec.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <map>
#include <stdexcept>
#include <utility>

namespace astrid::bus::detail {

namespace {

// Hands the wire batches the owning bus sends for one actor subscriber on
// to it as event batches; answers each wire batch once the subscriber
// answered its event batch, so the owning bus's credit is the subscriber's.
// Losses reported with a batch that brought no events go with the next one.
caf::behavior bridge_behavior(caf::event_based_actor* self, event_sink sink,
                              caf::actor gateway) {
  self->monitor(sink);
  self->monitor(gateway);
  self->set_down_handler([=](caf::down_msg&) { self->quit(); });
  auto owed_lag = std::make_shared<std::uint64_t>(0);
  return {
      [=](wire_batch& batch) {
        auto rp = self->make_response_promise();
        event_batch out;
        out.lagged = std::exchange(*owed_lag, 0) + batch.lagged;
        out.events.reserve(batch.events.size());
        for (auto& w : batch.events)
          if (w.ev) out.events.push_back(std::move(w.ev));
        if (out.events.empty()) {
          *owed_lag = out.lagged;
          rp.deliver(caf::unit);
          return rp;
        }
        self->request(sink, caf::infinite, std::move(out))
            .then([rp]() mutable { rp.deliver(caf::unit); },
                  [self](caf::error&) { self->quit(); });  // the subscriber is gone
        return rp;
      },
  };
}

struct connected_state {
  connected_state() = default;  // not an aggregate: CAF must not build it from `self`
  gateway_actor gateway;
  std::shared_ptr<bus_shared> shared;
  std::size_t max_payload_bytes = 0;
  std::string where;
  bool gone = false;                       // the link to the owning bus is lost
  std::map<std::uint64_t, caf::actor> bridges;  // actor subscriptions made here, by id
  static constexpr const char* name = "astrid.connected_bus";
};

using connected_pointer = bus_actor::stateful_pointer<connected_state>;

caf::error unavailable(connected_pointer self) {
  return caf::make_error(caf::sec::runtime_error,
                         "astrid::bus: the bus node " + self->state.where + " is gone");
}

// `ev` in the node format; an error naming both sizes when it does not fit
// a message between nodes.
caf::expected<wire_event> encode(connected_pointer self, astrid::event ev) {
  const auto limit = self->state.shared->cfg.message_limit();
  auto w = encode_for_wire(std::make_shared<const astrid::event>(std::move(ev)));
  if (wire_size(w) + wire_envelope_bytes > limit)
    return caf::make_error(caf::sec::invalid_argument,
                           "astrid::bus: an event of " + std::to_string(wire_size(w)) +
                               " bytes does not fit a message between nodes (max_message_bytes " +
                               std::to_string(limit) + ")");
  return w;
}

caf::typed_response_promise<std::size_t> publish(connected_pointer self, astrid::event& ev) {
  auto rp = self->make_response_promise<std::size_t>();
  if (self->state.gone) return rp.deliver(unavailable(self));
  auto w = encode(self, std::move(ev));
  if (!w) return rp.deliver(std::move(w.error()));
  self->request(self->state.gateway, remote_call_timeout, rpublish_atom::value, std::move(*w))
      .then([rp](std::uint64_t n) mutable { rp.deliver(static_cast<std::size_t>(n)); },
            [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
  return rp;
}

void post(connected_pointer self, astrid::event& ev) {
  if (self->state.gone) return;
  auto w = encode(self, std::move(ev));
  if (!w) {
    self->state.shared->log->error("event not posted to {}: {}", self->state.where,
                                   self->system().render(w.error()));
    return;
  }
  self->send(self->state.gateway, rpost_atom::value, std::move(*w));
}

caf::typed_response_promise<publish_result> publish_ipc(connected_pointer self,
                                                        astrid::ipc_message& msg) {
  auto rp = self->make_response_promise<publish_result>();
  if (self->state.gone) return rp.deliver(unavailable(self));
  // What the owning bus would refuse for its size never travels.
  const publish_result too_large{false, 0, std::string{reason_payload_too_large}};
  if (astrid::ipc_size(msg) > self->state.max_payload_bytes) return rp.deliver(too_large);
  auto w = encode(self, astrid::make_ipc_event(std::move(msg)));
  if (!w) return rp.deliver(too_large);
  self->request(self->state.gateway, remote_call_timeout, ripc_atom::value, std::move(*w))
      .then(
          [rp](bool accepted, std::uint64_t receivers, std::string& reason) mutable {
            rp.deliver(
                publish_result{accepted, static_cast<std::size_t>(receivers), std::move(reason)});
          },
          [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
  return rp;
}

caf::typed_response_promise<std::uint64_t> subscribe(connected_pointer self, event_sink& who,
                                                     std::string& pattern, std::string& label) {
  auto rp = self->make_response_promise<std::uint64_t>();
  if (self->state.gone) return rp.deliver(unavailable(self));
  if (auto err = check_subscription(static_cast<bool>(who), pattern))
    return rp.deliver(std::move(err));
  auto gateway = caf::actor_cast<caf::actor>(self->state.gateway);
  auto bridge = self->spawn(bridge_behavior, std::move(who), gateway);
  self->request(self->state.gateway, remote_call_timeout, rsubscribe_atom::value, bridge,
                std::move(pattern), std::move(label))
      .then(
          [self, rp, bridge](std::uint64_t id) mutable {
            self->state.bridges.emplace(id, bridge);
            rp.deliver(id);
          },
          [rp, bridge](caf::error& err) mutable {
            caf::anon_send_exit(bridge, caf::exit_reason::user_shutdown);
            rp.deliver(std::move(err));
          });
  return rp;
}

// Stopping the bridge ends the subscription on the owning bus, which
// monitors it.
bool unsubscribe(connected_pointer self, std::uint64_t id) {
  auto it = self->state.bridges.find(id);
  if (it == self->state.bridges.end()) return false;
  self->send_exit(it->second, caf::exit_reason::user_shutdown);
  self->state.bridges.erase(it);
  return true;
}

caf::typed_response_promise<bus_stats> stats(connected_pointer self) {
  auto rp = self->make_response_promise<bus_stats>();
  if (self->state.gone) return rp.deliver(unavailable(self));
  self->request(self->state.gateway, remote_call_timeout, rbusstats_atom::value)
      .then([rp](bus_stats& s) mutable { rp.deliver(std::move(s)); },
            [rp](caf::error& err) mutable { rp.deliver(std::move(err)); });
  return rp;
}

bus_actor::behavior_type connected_behavior(connected_pointer self, gateway_actor gateway,
                                            std::shared_ptr<bus_shared> shared,
                                            std::size_t max_payload_bytes, std::string where) {
  auto& st = self->state;
  st.gateway = std::move(gateway);
  st.shared = std::move(shared);
  st.max_payload_bytes = max_payload_bytes;
  st.where = std::move(where);
  log_instead_of_printing(self, st.shared->log);
  self->monitor(st.gateway);
  self->set_down_handler([=](caf::down_msg&) {
    self->state.gone = true;  // the bridges end by themselves (they monitor it too)
    self->state.bridges.clear();
  });
  self->set_exit_handler([=](caf::exit_msg& msg) {
    for (auto& [id, bridge] : self->state.bridges)
      self->send_exit(bridge, caf::exit_reason::user_shutdown);
    self->quit(msg.reason);
  });
  return {
      [=](publish_atom, astrid::event& ev) { return publish(self, ev); },
      [=](post_atom, astrid::event& ev) { post(self, ev); },
      [=](publish_ipc_atom, astrid::ipc_message& msg) { return publish_ipc(self, msg); },
      [=](subscribe_atom, event_sink& who, std::string& pattern, std::string& label) {
        return subscribe(self, who, pattern, label);
      },
      [=](unsubscribe_atom, std::uint64_t id) { return unsubscribe(self, id); },
      [=](stats_atom) { return stats(self); },
  };
}

}  // namespace

bus_actor spawn_connected_bus(caf::actor_system& sys, gateway_actor gateway,
                              std::shared_ptr<bus_shared> shared, std::size_t max_payload_bytes,
                              std::string where) {
  return sys.spawn(connected_behavior, std::move(gateway), std::move(shared), max_payload_bytes,
                   std::move(where));
}

}  // namespace astrid::bus::detail
