// The subscriber's end of a remote sync subscriber (see sync_host.hpp).
#include "actors/sync_host.hpp"

#include "actors/quiet_actor.hpp"
#include "actors/remote_protocol.hpp"
#include "actors/sync_child.hpp"

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
  caf::response_promise pending;  // the relay's deliver in flight
  bool busy = false;
  bool owner_done = false;    // the owning bus let go: relay or gateway gone, or sync_gone
  bool unsubscribed = false;  // the handler called unsubscribe_self()
  ticket<std::shared_ptr<subscriber>> detach;  // the facade's remove_subscriber
  static constexpr const char* name = "astrid.sync_host";
};

using host_pointer = caf::stateful_actor<host_state>*;

// Hands the object over (to a pending detach) or drops it, once no handler
// runs and nobody will deliver again; then quits.
void settle(host_pointer self) {
  auto& st = self->state;
  if (st.busy) return;
  if (st.detach ? !st.owner_done : !(st.owner_done || st.unsubscribed)) return;
  if (st.child) self->send_exit(st.child, caf::exit_reason::user_shutdown);
  if (st.detach) {
    st.detach->set(std::move(st.sub));  // destroyed on the thread that removes it
    st.detach.reset();
  }
  st.sub.reset();  // without a detach: the node or the handler let go of it
  self->quit();
}

void handled(host_pointer self, bool accepted, bool unsubscribe) {
  auto& st = self->state;
  st.busy = false;
  st.unsubscribed = st.unsubscribed || unsubscribe;
  st.pending.deliver(accepted, unsubscribe);
  settle(self);
}

std::string error_text(host_pointer self, const caf::error& err) {
  const auto& ctx = err.context();
  if (ctx.match_elements<std::string>()) return ctx.get_as<std::string>(0);
  return self->system().render(err);
}

void start_child(host_pointer self) {
  auto& st = self->state;
  st.child = spawn_sync_child(self, st.sub.get(), caf::actor_cast<caf::actor>(self), st.id);
}

// The handler threw: logged and counted like a local crash; the event
// counts as handled and the child restarts around the same object.
void crashed(host_pointer self, const caf::error& err) {
  auto& st = self->state;
  st.shared->metrics.add_crash();
  st.shared->log->error("sync subscriber crashed subscriber={} error={}", st.label,
                        error_text(self, err));
  if (!st.owner_done) {
    start_child(self);
    st.shared->metrics.add_restart();
    st.shared->log->info("sync subscriber restarted subscriber={}", st.label);
  }
  handled(self, true, false);
}

caf::response_promise deliver(host_pointer self, wire_event& w) {
  auto& st = self->state;
  auto rp = self->make_response_promise();
  if (!st.child || st.unsubscribed || !w.ev) {
    rp.deliver(false, false);
    return rp;
  }
  st.pending = rp;
  st.busy = true;
  self->request(st.child, caf::infinite, deliver_atom::value, std::move(w.ev))
      .then([=](bool accepted, bool unsubscribe) { handled(self, accepted, unsubscribe); },
            [=](caf::error& err) { crashed(self, err); });
  return rp;
}

void on_down(host_pointer self, const caf::down_msg& dm) {
  auto& st = self->state;
  if (dm.source != st.relay && dm.source != st.gateway.address()) return;
  if (!st.owner_done && !st.detach)
    st.shared->log->info("remote sync subscriber released subscriber={} reason={}", st.label,
                         self->system().render(dm.reason));
  st.owner_done = true;
  settle(self);
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
        if (s.child || s.owner_done) return;
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
      [=](sync_gone&) {
        self->state.owner_done = true;
        settle(self);
      },
  };
}

}  // namespace

caf::actor spawn_sync_host(caf::actor_system& sys, std::shared_ptr<subscriber> sub,
                           caf::actor gateway, std::shared_ptr<bus_shared> shared) {
  return sys.spawn(host_behavior, std::move(sub), std::move(gateway), std::move(shared));
}

}  // namespace astrid::bus::detail
