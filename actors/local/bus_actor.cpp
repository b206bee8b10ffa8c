// The bus actor (see bus_actor.hpp): a thin shell translating messages into
// calls on the hub, the sequence counter and the subscription sets.
#include "actors/local/bus_actor.hpp"

#include "actors/local/router_actor.hpp"
#include "actors/local/supervisor_actor.hpp"
#include "actors/quiet_actor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <algorithm>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace astrid::bus::detail {

namespace {

/// Pushes at most this many events before waking sleeping receivers even
/// though more are queued: a burst is woken once, a flood regularly.
constexpr std::size_t max_wake_interval = 64;

struct bus_state {
  bus_state() = default;  // not an aggregate: CAF must not build it from `self`
  std::shared_ptr<bus_shared> shared;
  router_actor router;
  supervisor_actor supervisor;
  std::uint64_t next_seq = 1;                  // the next IPC seq
  std::unordered_set<std::uint64_t> routed;    // topic receivers + pattern actor sinks
  std::unordered_set<std::uint64_t> everyone;  // all-events actor sinks
  std::unordered_set<std::uint64_t> sync;      // sync subscribers
  std::vector<std::pair<std::string, std::uint64_t>> published;  // by variant index
  fanout_batch to_route;                       // published, not yet sent to the router
  std::vector<post_queue::item> drained;       // the posts being published (storage reused)
  std::size_t wake_interval = 1;
  std::size_t since_wake = 0;
  static constexpr const char* name = "astrid.bus";
};

using bus_pointer = bus_actor::stateful_pointer<bus_state>;

void count_published(bus_state& st, const astrid::event& ev) {
  const auto index = ev.data.index();
  if (index >= st.published.size()) st.published.resize(index + 1);
  auto& slot = st.published[index];
  if (slot.second++ == 0) slot.first = std::string{astrid::event_type(ev)};
}

void flush_to_router(bus_pointer self) {
  auto& st = self->state;
  if (st.to_route.jobs.empty()) return;
  self->send(st.router, std::exchange(st.to_route, fanout_batch{}));
}

// Sends `msg` to the router after the events published before it.
template <class Message>
void to_router(bus_pointer self, Message&& msg) {
  flush_to_router(self);
  self->send(self->state.router, std::forward<Message>(msg));
}

// After each published event, while a burst goes on: hands a full batch to
// the router, and wakes sleeping receivers every `wake_interval` pushes.
void after_push(bus_pointer self) {
  auto& st = self->state;
  if (st.to_route.jobs.size() >= max_fanout_batch) flush_to_router(self);
  auto& hub = st.shared->hub;
  if (hub.wake_owed() && ++st.since_wake >= st.wake_interval) {
    st.since_wake = 0;
    hub.wake();
  }
}

// After every message: once the burst ends (the mailbox is empty), hands
// what was gathered to the router and wakes the receivers owed a wake-up.
void end_of_message(bus_pointer self) {
  auto& st = self->state;
  if (!self->mailbox().empty()) return;
  flush_to_router(self);
  if (st.shared->hub.wake_owed()) {
    st.since_wake = 0;
    st.shared->hub.wake();
  }
}

void publish(bus_pointer self, publish_job& job) {
  auto& st = self->state;
  if (auto* ipc = astrid::as_ipc(*job.ev)) ipc->seq = st.next_seq++;
  event_ptr ev = std::move(job.ev);
  count_published(st, *ev);
  const auto n = st.shared->hub.push(ev);
  if (n > 0) st.shared->metrics.add_delivered(n);
  if (job.done) job.done->update([n](publish_outcome& out) { out.receivers += n; });
  const bool routed = !st.everyone.empty() || (!st.routed.empty() && astrid::as_ipc(*ev));
  if (routed) st.to_route.jobs.push_back(fanout_job{ev, job.done});
  if (!st.sync.empty()) self->send(st.supervisor, sync_job{std::move(ev), std::move(job.done)});
  after_push(self);
}

// Publishes every event posted since the last drain, in order.
void drain_posts(bus_pointer self) {
  auto& st = self->state;
  st.shared->posts.take(st.drained);
  for (auto& ev : st.drained) {
    publish_job job{std::move(ev), nullptr};
    publish(self, job);
  }
  st.drained.clear();  // keeps its storage for the next drain
}

void forget_sink(bus_state& st, std::uint64_t id) {
  st.everyone.erase(id);
  st.routed.erase(id);
}

void shutdown(bus_pointer self, shutdown_order& order) {
  auto& st = self->state;
  st.shared->hub.close();  // wakes every reader
  to_router(self, order);  // holds the ticket until its queues are closed
  self->send(st.supervisor, std::move(order));
  self->quit();
}

bus_actor::behavior_type bus_behavior(bus_pointer self, std::shared_ptr<bus_shared> shared) {
  auto& st = self->state;
  st.wake_interval = std::clamp<std::size_t>(shared->cfg.capacity / 16, 1, max_wake_interval);
  st.router = spawn_router(self->system(), shared, caf::actor_cast<bus_actor>(self));
  st.supervisor = spawn_supervisor(self->system(), shared, caf::actor_cast<bus_actor>(self));
  st.shared = std::move(shared);
  log_instead_of_printing(self, st.shared->log);
  // Every handler of a caller's message starts with drain_posts: the
  // caller's earlier posts go first, even when the drain message a post
  // sent is still behind this one in the mailbox. Every handler ends in
  // end_of_message: gathered events and a wake owed by an earlier push go
  // out as soon as the mailbox runs dry, whatever message came last.
  return {
      [=](publish_job& job) {
        drain_posts(self);
        publish(self, job);
        end_of_message(self);
      },
      [=](drain_atom) {
        drain_posts(self);
        end_of_message(self);
      },
      [=](ring_attach& job) {
        drain_posts(self);
        job.done->set(self->state.shared->hub.attach());
        end_of_message(self);
      },
      [=](topic_attach& job) {
        drain_posts(self);
        self->state.routed.insert(job.id);
        to_router(self, std::move(job));
        end_of_message(self);
      },
      [=](topic_detach& job) {
        drain_posts(self);
        self->state.routed.erase(job.id);
        to_router(self, job);
        end_of_message(self);
      },
      [=](actor_attach& job) {
        drain_posts(self);
        (job.pattern.empty() ? self->state.everyone : self->state.routed).insert(job.id);
        to_router(self, std::move(job));
        end_of_message(self);
      },
      [=](actor_detach& job) {
        drain_posts(self);
        forget_sink(self->state, job.id);
        to_router(self, std::move(job));
        end_of_message(self);
      },
      [=](sink_gone& job) {
        forget_sink(self->state, job.id);
        end_of_message(self);
      },
      [=](sync_attach& job) {
        drain_posts(self);
        self->state.sync.insert(job.id);
        self->send(self->state.supervisor, std::move(job));
        end_of_message(self);
      },
      [=](sync_detach& job) {
        drain_posts(self);
        self->state.sync.erase(job.id);
        self->send(self->state.supervisor, std::move(job));
        end_of_message(self);
      },
      [=](sync_gone& job) {
        self->state.sync.erase(job.id);
        end_of_message(self);
      },
      [=](stats_query& job) {
        drain_posts(self);
        job.done->update([&](bus_stats& out) {
          for (const auto& [type, count] : self->state.published)
            if (count > 0) out.published[type] += count;
        });
        to_router(self, std::move(job));  // it adds the bytes held in routes
        end_of_message(self);
      },
      [=](shutdown_order& order) {
        drain_posts(self);
        shutdown(self, order);
      },
      [=](route_attach& job) {  // routed subscriptions: IPC only, like topic receivers
        drain_posts(self);
        self->state.routed.insert(job.id);
        to_router(self, std::move(job));
        end_of_message(self);
      },
      [=](route_detach& job) {
        drain_posts(self);
        self->state.routed.erase(job.id);
        to_router(self, job);
        end_of_message(self);
      },
  };
}

}  // namespace

bus_actor spawn_bus(caf::actor_system& sys, std::shared_ptr<bus_shared> shared) {
  return sys.spawn(bus_behavior, std::move(shared));
}

}  // namespace astrid::bus::detail
