// The owning bus's end of a remote sync subscriber (see sync_relay.hpp).
#include "actors/nodes/sync_relay.hpp"

#include "actors/nodes/protocol.hpp"

#include <caf/error.hpp>
#include <caf/actor_system.hpp>
#include <caf/sec.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <utility>

namespace astrid::bus::detail {

namespace {

struct relay_state {
  relay_state() = default;  // not an aggregate: CAF must not build it from `self`
  caf::actor host;
  caf::typed_response_promise<bool, bool, std::string> pending;
  bool busy = false;  // `pending` waits for the host's answer
  static constexpr const char* name = "astrid.sync_relay";
};

using relay_pointer = sync_child_actor::stateful_pointer<relay_state>;

// Answers the supervisor's pending deliver, if any, with `err`.
void fail_pending(relay_pointer self, const caf::error& err) {
  if (!self->state.busy) return;
  self->state.busy = false;
  self->state.pending.deliver(err);
}

sync_child_actor::behavior_type relay_behavior(relay_pointer self, caf::actor host,
                                               std::uint64_t id) {
  self->state.host = host;
  self->monitor(host);
  // Before any event: the host learns its id and its relay (the sender).
  // Its loss shows as a down_msg, so the reply needs no handling.
  self->request(host, caf::infinite, rbind_atom::value, id).then([] {}, [](caf::error&) {});
  self->set_down_handler([=](caf::down_msg& dm) {
    auto reason = dm.reason ? dm.reason : caf::make_error(caf::sec::request_receiver_down);
    fail_pending(self, reason);
    self->quit(reason);
  });
  return {
      [=](deliver_atom, const event_ptr& ev) -> caf::typed_response_promise<bool, bool, std::string> {
        auto rp = self->make_response_promise<bool, bool, std::string>();
        self->state.pending = rp;
        self->state.busy = true;
        self->request(self->state.host, caf::infinite, rdeliver_atom::value, wire_event{ev})
            .then(
                [=](bool accepted, bool unsubscribe, std::string& crash) {
                  if (!self->state.busy) return;
                  self->state.busy = false;
                  self->state.pending.deliver(accepted, unsubscribe, std::move(crash));
                },
                [=](caf::error& err) {
                  fail_pending(self, err);
                  self->quit(err);
                });
        return rp;
      },
  };
}

}  // namespace

sync_child_actor spawn_sync_relay(caf::actor_system& sys, caf::actor host, std::uint64_t id) {
  return sys.spawn(relay_behavior, std::move(host), id);
}

}  // namespace astrid::bus::detail
