// The supervisor of the sync subscribers (see supervisor_actor.hpp).
#include "actors/supervisor_actor.hpp"

#include "actors/quiet_actor.hpp"
#include "actors/sync_child.hpp"
#include "actors/sync_relay.hpp"

#include <caf/actor_cast.hpp>
#include <caf/error.hpp>
#include <caf/exit_reason.hpp>
#include <caf/local_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <deque>
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

struct sync_slot {
  std::shared_ptr<subscriber> sub;  // the only owner inside the bus
  std::string name;
  sync_child_actor child;
  std::deque<pending_event> queue;  // waiting for the event in flight
  bool busy = false;                // one event in flight to `child`
  bool detaching = false;           // remove once the event in flight is done
  bool remote = false;              // `child` relays to another node; `sub` stands in
  ticket<std::shared_ptr<subscriber>> detach;
};

struct supervisor_state {
  supervisor_state() = default;  // not an aggregate: CAF must not build it from `self`
  std::shared_ptr<bus_shared> shared;
  bus_actor bus;
  std::map<std::uint64_t, sync_slot> slots;  // by id = registration order
  reaper_actor reaper;                       // spawned on first use
  bool stopping = false;
  bool finishing = false;
  ticket<subscriber_list> stop;
  subscriber_list released;  // handed to the facade at shutdown
  static constexpr const char* name = "astrid.bus.supervisor";
};

using sup_pointer = supervisor_actor::stateful_pointer<supervisor_state>;

void dispatch(sup_pointer self, std::uint64_t id);

// Removes slot `id`: stops its actor, returns the subscriber object.
std::shared_ptr<subscriber> take_slot(sup_pointer self, std::uint64_t id) {
  auto& st = self->state;
  auto it = st.slots.find(id);
  auto sub = std::move(it->second.sub);
  self->send_exit(it->second.child, caf::exit_reason::user_shutdown);
  // Count first: erasing drops queued tickets, which may wake a publisher
  // that then reads subscriber_count().
  st.shared->sync_subscribers.fetch_sub(1, std::memory_order_relaxed);
  st.slots.erase(it);
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
  if (!st.stopping || !st.slots.empty() || st.finishing) return;
  st.finishing = true;
  if (!st.reaper) {
    finish_stop(self);
    return;
  }
  self->request(st.reaper, caf::infinite, flush_atom::value)
      .then([=](bool) { finish_stop(self); }, [=](caf::error&) { finish_stop(self); });
}

// The event in flight to a detaching slot is done: hand the object over.
void release_detached(sup_pointer self, std::uint64_t id) {
  auto& st = self->state;
  auto detach = std::move(st.slots.at(id).detach);
  auto sub = take_slot(self, id);
  if (detach) {
    detach->set(std::move(sub));
  } else {
    st.released.push_back(std::move(sub));
    check_stopped(self);
  }
}

// The subscriber called unsubscribe_self(): its object goes to the thread
// that published the event, or to the reaper for a posted one.
void remove_self(sup_pointer self, std::uint64_t id, const publish_ticket& done) {
  auto& st = self->state;
  auto sub = take_slot(self, id);
  self->send(st.bus, sync_gone{id});
  if (done) {
    done->update([&](publish_outcome& out) { out.released.push_back(std::move(sub)); });
    return;
  }
  if (!st.reaper) st.reaper = spawn_reaper(self, st.shared->log);
  self->send(st.reaper, release_job{subscriber_list{std::move(sub)}});
}

void finished(sup_pointer self, std::uint64_t id, const publish_ticket& done, bool accepted,
              bool unsubscribe) {
  auto it = self->state.slots.find(id);
  if (it == self->state.slots.end()) return;
  it->second.busy = false;
  if (accepted) self->state.shared->metrics.add_delivered(1);
  if (it->second.detaching)
    release_detached(self, id);
  else if (unsubscribe)
    remove_self(self, id, done);
  else
    dispatch(self, id);
}

std::string error_text(sup_pointer self, const caf::error& err) {
  const auto& ctx = err.context();
  if (ctx.match_elements<std::string>()) return ctx.get_as<std::string>(0);
  return self->system().render(err);
}

// A remote subscriber's host or node is gone: its object is out of reach,
// so the slot goes (no restart); queued events' tickets drop with it.
void lost(sup_pointer self, std::uint64_t id, const caf::error& err) {
  auto& st = self->state;
  auto name = st.slots.at(id).name;
  if (st.slots.at(id).detaching) {
    release_detached(self, id);
  } else {
    take_slot(self, id);  // the stand-in dies here; nothing to run elsewhere
    self->send(st.bus, sync_gone{id});
  }
  st.shared->log->warn("remote sync subscriber lost subscriber={} reason={}", name,
                       self->system().render(err));
}

void crashed(sup_pointer self, std::uint64_t id, const caf::error& err) {
  auto& st = self->state;
  auto it = st.slots.find(id);
  if (it == st.slots.end()) return;
  auto& slot = it->second;
  slot.busy = false;
  if (slot.remote) {
    lost(self, id, err);
    return;
  }
  st.shared->metrics.add_delivered(1);
  st.shared->metrics.add_crash();
  st.shared->log->error("sync subscriber crashed subscriber={} error={}", slot.name,
                        error_text(self, err));
  if (slot.detaching) {
    release_detached(self, id);
    return;
  }
  slot.child = spawn_sync_child(self, slot.sub.get(), caf::actor_cast<caf::actor>(st.bus), id);
  st.shared->metrics.add_restart();
  st.shared->log->info("sync subscriber restarted subscriber={}", slot.name);
  dispatch(self, id);
}

// Sends the next queued event to slot `id` unless one is in flight.
void dispatch(sup_pointer self, std::uint64_t id) {
  auto& slot = self->state.slots.at(id);
  if (slot.busy || slot.queue.empty()) return;
  auto next = std::move(slot.queue.front());
  slot.queue.pop_front();
  slot.busy = true;
  auto done = std::move(next.done);
  self->request(slot.child, caf::infinite, deliver_atom::value, std::move(next.ev))
      .then([=](bool accepted, bool unsubscribe) { finished(self, id, done, accepted, unsubscribe); },
            [=](caf::error& err) { crashed(self, id, err); });
}

void attach(sup_pointer self, sync_attach& job) {
  auto& st = self->state;
  sync_slot slot;
  if (job.remote) {
    slot.child = spawn_sync_relay(self, std::move(job.remote), job.id);
    slot.remote = true;
    self->monitor(slot.child);  // an idle relay's loss is seen here, not by a request
  } else {
    slot.child = spawn_sync_child(self, job.sub.get(), caf::actor_cast<caf::actor>(st.bus), job.id);
  }
  slot.sub = std::move(job.sub);
  slot.name = std::move(job.name);
  st.slots.emplace(job.id, std::move(slot));
  st.shared->sync_subscribers.fetch_add(1, std::memory_order_relaxed);
  job.done->set(true);
}

void detach(sup_pointer self, sync_detach& job) {
  auto it = self->state.slots.find(job.id);
  if (it == self->state.slots.end() || it->second.detaching) {
    job.done->set(nullptr);
    return;
  }
  it->second.queue.clear();
  if (it->second.busy) {
    it->second.detaching = true;
    it->second.detach = std::move(job.done);
    return;
  }
  job.done->set(take_slot(self, job.id));
}

void deliver(sup_pointer self, sync_job& job) {
  for (auto& [id, slot] : self->state.slots) {
    if (slot.detaching) continue;
    slot.queue.push_back(pending_event{job.ev, job.done});
    dispatch(self, id);
  }
}

void stop(sup_pointer self, shutdown_order& order) {
  auto& st = self->state;
  st.stopping = true;
  st.stop = std::move(order.done);
  std::vector<std::uint64_t> idle;
  for (auto& [id, slot] : st.slots) {
    slot.queue.clear();
    slot.detaching = true;
    if (!slot.busy) idle.push_back(id);
  }
  for (auto id : idle) st.released.push_back(take_slot(self, id));
  check_stopped(self);
}

// A relay died while idle (a busy one fails its request first, see crashed).
void on_down(sup_pointer self, const caf::down_msg& dm) {
  for (auto& [id, slot] : self->state.slots) {
    if (!slot.remote || slot.busy || slot.child.address() != dm.source) continue;
    lost(self, id, dm.reason);
    return;
  }
}

supervisor_actor::behavior_type supervisor_behavior(sup_pointer self,
                                                    std::shared_ptr<bus_shared> shared,
                                                    bus_actor bus) {
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

supervisor_actor spawn_supervisor(caf::local_actor* parent, std::shared_ptr<bus_shared> shared,
                                  bus_actor bus) {
  return parent->spawn(supervisor_behavior, std::move(shared), std::move(bus));
}

}  // namespace astrid::bus::detail
