// The subscriber's end of a remote sync subscriber (see sync_host.hpp): a
// shell around one core::sync_slot, like one entry of the local supervisor.
#include "actors/nodes/sync_host.hpp"

#include "actors/local/sync_child.hpp"
#include "actors/nodes/gateway.hpp"
#include "actors/quiet_actor.hpp"
#include "core/sync_slot.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>

#include <string>
#include <utility>

namespace astrid::bus::detail {

namespace {

struct host_state {
  host_state() = default;  // not an aggregate: CAF must not build it from `self`
  std::shared_ptr<subscriber> sub;  // the only owner until released
  std::string label;                // sub->name(), for logs
  caf::actor gateway;
  std::shared_ptr<bus_shared> shared;
  sync_child_actor child;   // runs the handler; started by rbind
  caf::actor_addr relay;    // the owning bus's end
  std::uint64_t id = 0;
  // One event at a time: the relay sends the next only after this one's
  // answer, so the slot holds at most the delivery in flight.
  core::sync_slot<caf::response_promise> slot;
  bool released = false;    // the slot let go (owner gone or handler unsubscribed)
  ticket<std::shared_ptr<subscriber>> detach;  // the facade's remove_subscriber
  static constexpr const char* name = "astrid.sync_host";
};

using host_pointer = caf::stateful_actor<host_state>*;

// Hands the object over (to a pending detach, once the owning bus let go)
// or drops it once the slot released it; then quits.
void settle(host_pointer self) {
  auto& st = self->state;
  if (st.slot.busy()) return;
  if (st.detach ? !st.slot.leaving() : !st.released) return;
  if (st.child) self->send_exit(st.child, caf::exit_reason::user_shutdown);
  if (st.detach) {
    st.detach->set(std::move(st.sub));  // destroyed on the thread that removes it
    st.detach.reset();
  }
  st.sub.reset();  // without a detach: the node or the handler let go of it
  self->quit();
}

void start_child(host_pointer self) {
  auto& st = self->state;
  st.child = spawn_sync_child(self->system(), st.sub.get(), caf::actor_cast<caf::actor>(self), st.id);
}

// Carries out what the slot answered after a delivery.
void act(host_pointer self, core::sync_step step) {
  auto& st = self->state;
  switch (step) {
    case core::sync_step::restart:
      start_child(self);
      st.shared->metrics.add_restart();
      st.shared->log->info("sync subscriber restarted subscriber={}", st.label);
      break;
    case core::sync_step::release_requested:
    case core::sync_step::release_unsubscribed:
    case core::sync_step::release_lost:
      st.released = true;
      break;
    case core::sync_step::idle:
    case core::sync_step::deliver:
      break;
  }
  settle(self);
}

void handled(host_pointer self, caf::response_promise rp, bool accepted, bool unsubscribe) {
  rp.deliver(accepted, unsubscribe, std::string{});
  act(self, self->state.slot.finish(unsubscribe ? core::sync_outcome::unsubscribed
                                                : core::sync_outcome::handled));
}

// The handler threw: logged and counted like a local crash; the event
// counts as handled, the child restarts around the same object, and the
// owning bus is told (it counts the crash in its own metrics).
void crashed(host_pointer self, caf::response_promise rp, const caf::error& err) {
  auto& st = self->state;
  auto text = crash_text(self->system(), err);
  st.shared->metrics.add_crash();
  st.shared->log->error("sync subscriber crashed subscriber={} error={}", st.label, text);
  rp.deliver(true, false, text.empty() ? std::string{"unknown error"} : std::move(text));
  act(self, st.slot.finish(core::sync_outcome::crashed));
}

caf::response_promise deliver(host_pointer self, wire_event& w) {
  auto& st = self->state;
  auto rp = self->make_response_promise();
  if (!st.child || st.released || st.slot.leaving() || !w.ev) {
    rp.deliver(false, false, std::string{});
    return rp;
  }
  st.slot.push(rp);
  auto pending = st.slot.take();
  self->request(st.child, caf::infinite, deliver_atom::value, std::move(w.ev))
      .then([=](bool accepted, bool unsubscribe,
                const std::string&) { handled(self, *pending, accepted, unsubscribe); },
            [=](caf::error& err) { crashed(self, *pending, err); });
  return rp;
}

// The owning bus let go: its relay or its gateway is gone, or it said so.
void owner_done(host_pointer self) {
  if (self->state.slot.leave()) self->state.released = true;
  settle(self);
}

void on_down(host_pointer self, const caf::down_msg& dm) {
  auto& st = self->state;
  if (dm.source != st.relay && dm.source != st.gateway.address()) return;
  if (!st.slot.leaving() && !st.detach)
    st.shared->log->info("remote sync subscriber released subscriber={} reason={}", st.label,
                         self->system().render(dm.reason));
  owner_done(self);
}

caf::behavior host_behavior(host_pointer self, std::shared_ptr<subscriber> sub,
                            caf::actor gateway, std::shared_ptr<bus_shared> shared) {
  auto& st = self->state;
  st.label = sub->name();
  st.sub = std::move(sub);
  st.gateway = std::move(gateway);
  st.shared = std::move(shared);
  log_instead_of_printing(self, st.shared->log);
  self->monitor(st.gateway);
  self->set_down_handler([=](caf::down_msg& dm) { on_down(self, dm); });
  return {
      [=](rbind_atom, std::uint64_t id) {
        auto& s = self->state;
        if (s.child || s.slot.leaving()) return;
        s.id = id;
        s.relay = caf::actor_cast<caf::actor_addr>(self->current_sender());
        self->monitor(self->current_sender());
        start_child(self);
      },
      [=](rdeliver_atom, wire_event& w) { return deliver(self, w); },
      [=](publish_job& job) {
        if (job.ev) self->send(self->state.gateway, rpost_atom::value, wire_event{std::move(job.ev)});
      },
      [=](sync_detach& job) {
        self->state.detach = std::move(job.done);
        settle(self);
      },
      [=](sync_gone&) { owner_done(self); },
  };
}

}  // namespace

caf::actor spawn_sync_host(caf::actor_system& sys, std::shared_ptr<subscriber> sub,
                           caf::actor gateway, std::shared_ptr<bus_shared> shared) {
  return sys.spawn(host_behavior, std::move(sub), std::move(gateway), std::move(shared));
}

}  // namespace astrid::bus::detail
