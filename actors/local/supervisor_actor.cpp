// The supervisor of the sync subscribers (see supervisor_actor.hpp): a shell
// that turns messages into calls on each subscriber's core::sync_slot and
// carries out the step the slot answers (deliver, restart, release).
#include "actors/local/supervisor_actor.hpp"

#include "actors/local/reaper.hpp"
#include "actors/local/sync_child.hpp"
#include "actors/nodes/sync_relay.hpp"
#include "actors/quiet_actor.hpp"
#include "core/sync_slot.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/exit_reason.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace astrid::bus::detail {

namespace {

struct pending_event {
  event_ptr ev;
  publish_ticket done;
};

struct sync_entry {
  std::shared_ptr<subscriber> sub;  // the only owner inside the bus
  std::string name;
  sync_child_actor child;           // runs the handler (or relays it to another node)
  core::sync_slot<pending_event> slot;
  bool remote = false;              // `child` relays to another node; `sub` stands in
  ticket<std::shared_ptr<subscriber>> detach;  // a removal waiting for the object
};

struct supervisor_state {
  supervisor_state() = default;  // not an aggregate: CAF must not build it from `self`
  std::shared_ptr<bus_shared> shared;
  local_bus_actor bus;
  std::map<std::uint64_t, sync_entry> entries;  // by id = registration order
  reaper_actor reaper;                          // spawned on first use
  bool stopping = false;
  bool finishing = false;
  ticket<subscriber_list> stop;
  subscriber_list released;  // handed to the facade at shutdown
  static constexpr const char* name = "astrid.bus.supervisor";
};

using sup_pointer = supervisor_actor::stateful_pointer<supervisor_state>;

void dispatch(sup_pointer self, std::uint64_t id);

// Removes entry `id`: stops its actor, returns the subscriber object.
std::shared_ptr<subscriber> take_entry(sup_pointer self, std::uint64_t id) {
  auto& st = self->state;
  auto it = st.entries.find(id);
  auto sub = std::move(it->second.sub);
  self->send_exit(it->second.child, caf::exit_reason::user_shutdown);
  // Count first: erasing drops queued tickets, which may wake a publisher
  // that then reads subscriber_count().
  st.shared->census.remove(subscriber_kind::sync);
  st.entries.erase(it);
  return sub;
}

void finish_stop(sup_pointer self) {
  auto& st = self->state;
  st.stop->set(std::move(st.released));
  st.stop.reset();
  if (st.reaper) self->send_exit(st.reaper, caf::exit_reason::user_shutdown);
  self->quit();
}

// Completes the shutdown once no handler runs any more; waits for the reaper
// so that every subscriber destructor has run when the facade returns.
void check_stopped(sup_pointer self) {
  auto& st = self->state;
  if (!st.stopping || !st.entries.empty() || st.finishing) return;
  st.finishing = true;
  if (!st.reaper) return finish_stop(self);
  self->request(st.reaper, caf::infinite, flush_atom::value)
      .then([=](bool) { finish_stop(self); }, [=](caf::error&) { finish_stop(self); });
}

// The slot let go after a removal or the shutdown asked it to: the object
// goes to the removal's caller, or into the shutdown's list.
void release_requested(sup_pointer self, std::uint64_t id) {
  auto& st = self->state;
  auto detach = std::move(st.entries.at(id).detach);
  auto sub = take_entry(self, id);
  if (detach) return detach->set(std::move(sub));
  st.released.push_back(std::move(sub));
  check_stopped(self);
}

// The subscriber called unsubscribe_self(): its object goes to the thread
// that published the event, or to the reaper for a posted one.
void release_unsubscribed(sup_pointer self, std::uint64_t id, const publish_ticket& done) {
  auto& st = self->state;
  auto sub = take_entry(self, id);
  self->send(st.bus, sync_gone{id});
  if (done) return done->update([&](publish_outcome& out) { out.released.push_back(std::move(sub)); });
  if (!st.reaper) st.reaper = spawn_reaper(self->system(), st.shared->log);
  self->send(st.reaper, release_job{subscriber_list{std::move(sub)}});
}

// A remote subscriber's host or node is gone: its object is out of reach,
// so the entry goes (no restart); queued events' tickets drop with it.
void release_lost(sup_pointer self, std::uint64_t id, const caf::error& err) {
  auto name = self->state.entries.at(id).name;
  take_entry(self, id);  // the stand-in dies here; nothing to run elsewhere
  self->send(self->state.bus, sync_gone{id});
  self->state.shared->log->warn("remote sync subscriber lost subscriber={} reason={}", name,
                                self->system().render(err));
}

void restart(sup_pointer self, std::uint64_t id) {
  auto& st = self->state;
  auto& e = st.entries.at(id);
  e.child = spawn_sync_child(self->system(), e.sub.get(), caf::actor_cast<caf::actor>(st.bus), id);
  st.shared->metrics.add_restart();
  st.shared->log->info("sync subscriber restarted subscriber={}", e.name);
  dispatch(self, id);
}

// Carries out what the slot of `id` answered.
void act(sup_pointer self, std::uint64_t id, core::sync_step step, const publish_ticket& done,
         const caf::error& err) {
  switch (step) {
    case core::sync_step::idle: return;
    case core::sync_step::deliver: return dispatch(self, id);
    case core::sync_step::restart: return restart(self, id);
    case core::sync_step::release_requested: return release_requested(self, id);
    case core::sync_step::release_unsubscribed: return release_unsubscribed(self, id, done);
    case core::sync_step::release_lost: return release_lost(self, id, err);
  }
}

void finished(sup_pointer self, std::uint64_t id, const publish_ticket& done, bool accepted,
              bool unsubscribe, const std::string& remote_crash) {
  auto& st = self->state;
  auto it = st.entries.find(id);
  if (it == st.entries.end()) return;
  if (accepted) st.shared->metrics.add_delivered(1);
  if (!remote_crash.empty()) {  // thrown on its node, and restarted there
    st.shared->metrics.add_crash();
    st.shared->metrics.add_restart();
    st.shared->log->error("sync subscriber crashed subscriber={} error={}", it->second.name,
                          remote_crash);
  }
  const auto outcome = unsubscribe ? core::sync_outcome::unsubscribed : core::sync_outcome::handled;
  act(self, id, it->second.slot.finish(outcome), done, caf::error{});
}

void failed(sup_pointer self, std::uint64_t id, const publish_ticket& done, const caf::error& err) {
  auto& st = self->state;
  auto it = st.entries.find(id);
  if (it == st.entries.end()) return;
  auto& e = it->second;
  if (e.remote) return act(self, id, e.slot.finish(core::sync_outcome::lost), done, err);
  st.shared->metrics.add_delivered(1);
  st.shared->metrics.add_crash();
  st.shared->log->error("sync subscriber crashed subscriber={} error={}", e.name,
                        crash_text(self->system(), err));
  act(self, id, e.slot.finish(core::sync_outcome::crashed), done, err);
}

// Sends the next queued event to `id` unless one is in flight.
void dispatch(sup_pointer self, std::uint64_t id) {
  auto& e = self->state.entries.at(id);
  auto next = e.slot.take();
  if (!next) return;
  auto done = std::move(next->done);
  self->request(e.child, caf::infinite, deliver_atom::value, std::move(next->ev))
      .then(
          [=](bool accepted, bool unsubscribe, const std::string& crash) {
            finished(self, id, done, accepted, unsubscribe, crash);
          },
            [=](caf::error& err) { failed(self, id, done, err); });
}

void attach(sup_pointer self, sync_attach& job) {
  auto& st = self->state;
  sync_entry e;
  if (job.remote) {
    e.child = spawn_sync_relay(self->system(), std::move(job.remote), job.id);
    e.remote = true;
    self->monitor(e.child);  // an idle relay's loss is seen here, not by a request
  } else {
    e.child = spawn_sync_child(self->system(), job.sub.get(), caf::actor_cast<caf::actor>(st.bus),
                               job.id);
  }
  e.sub = std::move(job.sub);
  e.name = std::move(job.name);
  st.entries.emplace(job.id, std::move(e));
  st.shared->census.add(subscriber_kind::sync);
  job.done->set(true);
}

void detach(sup_pointer self, sync_detach& job) {
  auto it = self->state.entries.find(job.id);
  if (it == self->state.entries.end() || it->second.slot.leaving()) return job.done->set(nullptr);
  it->second.detach = std::move(job.done);
  if (it->second.slot.leave()) release_requested(self, job.id);
}

void deliver(sup_pointer self, sync_job& job) {
  for (auto& [id, e] : self->state.entries) {
    if (e.slot.leaving()) continue;
    e.slot.push(pending_event{job.ev, job.done});
    dispatch(self, id);
  }
}

void stop(sup_pointer self, shutdown_order& order) {
  auto& st = self->state;
  st.stopping = true;
  st.stop = std::move(order.done);
  std::vector<std::uint64_t> idle;
  for (auto& [id, e] : st.entries)
    if (e.slot.leave()) idle.push_back(id);
  for (auto id : idle) st.released.push_back(take_entry(self, id));
  check_stopped(self);
}

// A relay died while idle (a busy one fails its request first, see failed).
void on_down(sup_pointer self, const caf::down_msg& dm) {
  for (auto& [id, e] : self->state.entries) {
    if (!e.remote || e.child.address() != dm.source) continue;
    return act(self, id, e.slot.lose(), nullptr, dm.reason);
  }
}

supervisor_actor::behavior_type supervisor_behavior(sup_pointer self,
                                                    std::shared_ptr<bus_shared> shared,
                                                    local_bus_actor bus) {
  self->state.shared = std::move(shared);
  self->set_down_handler([=](caf::down_msg& dm) { on_down(self, dm); });
  log_instead_of_printing(self, self->state.shared->log);
  self->state.bus = std::move(bus);
  return {
      [=](sync_job& job) { deliver(self, job); },
      [=](sync_attach& job) { attach(self, job); },
      [=](sync_detach& job) { detach(self, job); },
      [=](shutdown_order& order) { stop(self, order); },
  };
}

}  // namespace

supervisor_actor spawn_supervisor(caf::actor_system& sys, std::shared_ptr<bus_shared> shared,
                                  local_bus_actor bus) {
  return sys.spawn(supervisor_behavior, std::move(shared), std::move(bus));
}

}  // namespace astrid::bus::detail
