// The bus actor (see bus_actor.hpp): a thin shell translating messages into
// calls on the hub, the sequence counter and the subscription sets.
#include "actors/local/bus_actor.hpp"

#include "actors/local/limiter_actor.hpp"
#include "actors/local/router_actor.hpp"
#include "actors/local/supervisor_actor.hpp"
#include "actors/quiet_actor.hpp"
#include "shared/home_shared.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/sec.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
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
  limiter_actor limiter;
  supervisor_actor supervisor;
  std::uint64_t next_seq = 1;                  // the next IPC seq
  std::unordered_set<std::uint64_t> routed;    // topic receivers + pattern actor sinks
  std::unordered_set<std::uint64_t> everyone;  // all-events actor sinks
  std::unordered_set<std::uint64_t> sync;      // sync subscribers
  std::vector<std::pair<std::string, std::uint64_t>> published;  // by variant index
  fanout_batch to_route;                       // published, not yet sent to the router
  std::vector<post_queue::item> drained;       // the posts being published (storage reused)
  // Requests of the public interface not answered yet, by number: how to
  // answer each with an error if the bus shuts down first.
  std::unordered_map<std::uint64_t, std::function<void()>> unanswered;
  std::uint64_t next_request = 0;
  std::size_t wake_interval = 1;
  std::size_t since_wake = 0;
  static constexpr const char* name = "astrid.bus";
};

using bus_pointer = local_bus_actor::stateful_pointer<bus_state>;

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

void attach_actor(bus_pointer self, actor_attach& job) {
  (job.pattern.empty() ? self->state.everyone : self->state.routed).insert(job.id);
  to_router(self, std::move(job));
}

void shutdown(bus_pointer self, shutdown_order& order) {
  auto& st = self->state;
  st.shared->hub.close();  // wakes every reader
  to_router(self, order);  // holds the ticket until its queues are closed
  self->send(st.supervisor, std::move(order));
  if (st.limiter) self->send(st.limiter, shutdown_atom::value);
  // What was still on its way back cannot reach a bus that quit: answer it now.
  for (auto& [no, fail] : std::exchange(st.unanswered, {})) fail();
  self->quit();
}

// --- requests of the public bus_actor interface -------------------------
// Each hands its work to the same paths as the facade's calls, with a
// ticket that resumes the bus (resume.hpp) to deliver the reply: the bus
// never waits, so a requester on a one-thread system gets its answer.

local_bus_actor me(bus_pointer self) { return caf::actor_cast<local_bus_actor>(self); }

// A ticket for the work behind request promise `rp`: `then(result)` runs in
// the bus's context once the work is done; if the bus shuts down first, `rp`
// gets bus_gone() instead.
template <class T, class Promise, class Then>
ticket<T> answer_later(bus_pointer self, Promise rp, Then then) {
  auto& st = self->state;
  const auto no = ++st.next_request;
  st.unanswered.emplace(no, [rp]() mutable { rp.deliver(bus_gone()); });
  return resume_ticket<T>(me(self), [self, no, then](std::optional<T> out) mutable {
    self->state.unanswered.erase(no);  // runs in the bus's context only
    then(std::move(out));
  });
}

caf::typed_response_promise<std::size_t> publish_request(bus_pointer self, astrid::event& ev) {
  auto rp = self->make_response_promise<std::size_t>();
  using outcome = std::optional<publish_outcome>;
  auto done = answer_later<publish_outcome>(self, rp, [rp](outcome out) mutable {
    if (!out) return void(rp.deliver(bus_gone()));
    rp.deliver(out->receivers);  // self-removed subscribers are released here
  });
  publish_job job{make_home_shared<astrid::event>(std::move(ev)), std::move(done)};
  publish(self, job);
  return rp;
}

void post_request(bus_pointer self, astrid::event& ev) {
  publish_job job{make_home_shared<astrid::event>(std::move(ev)), nullptr};
  publish(self, job);
}

caf::typed_response_promise<publish_result> publish_ipc_request(bus_pointer self,
                                                                astrid::ipc_message& msg) {
  auto rp = self->make_response_promise<publish_result>();
  using outcome = std::optional<publish_outcome>;
  auto done = answer_later<publish_outcome>(self, rp, [rp](outcome out) mutable {
    if (!out) return void(rp.deliver(bus_gone()));
    if (!out->rejected.empty()) return void(rp.deliver(publish_result{false, 0, out->rejected}));
    rp.deliver(publish_result{true, out->receivers, {}});
  });
  auto ev = make_home_shared<astrid::event>(astrid::make_ipc_event(std::move(msg)));
  self->send(self->state.limiter, ipc_job{std::move(ev), std::move(done)});
  return rp;
}

caf::typed_response_promise<std::uint64_t> subscribe_request(bus_pointer self, event_sink& who,
                                                             std::string& pattern,
                                                             std::string& label) {
  auto rp = self->make_response_promise<std::uint64_t>();
  if (auto err = check_subscription(static_cast<bool>(who), pattern))
    return rp.deliver(std::move(err));
  const auto id = self->state.shared->new_id();
  auto done = answer_later<bool>(self, rp, [rp, id](std::optional<bool> ok) mutable {
    if (!ok) return void(rp.deliver(bus_gone()));
    rp.deliver(id);
  });
  actor_attach job{id, caf::actor_cast<caf::actor>(std::move(who)), std::move(pattern),
                   std::move(label), std::move(done)};
  attach_actor(self, job);
  return rp;
}

caf::typed_response_promise<bool> unsubscribe_request(bus_pointer self, std::uint64_t id) {
  auto rp = self->make_response_promise<bool>();
  auto done = answer_later<bool>(self, rp, [rp](std::optional<bool> found) mutable {
    if (!found) return void(rp.deliver(bus_gone()));
    rp.deliver(*found);
  });
  forget_sink(self->state, id);
  to_router(self, actor_detach{id, std::move(done)});
  return rp;
}

void count_stats(bus_pointer self, stats_query& job) {
  job.done->update([&](bus_stats& out) {
    for (const auto& [type, count] : self->state.published)
      if (count > 0) out.published[type] += count;
  });
  to_router(self, std::move(job));  // it adds the bytes held in routes
}

caf::typed_response_promise<bus_stats> stats_request(bus_pointer self) {
  auto rp = self->make_response_promise<bus_stats>();
  auto shared = self->state.shared;
  using snapshot = std::optional<bus_stats>;
  stats_query job{answer_later<bus_stats>(self, rp, [rp, shared](snapshot out) mutable {
    if (!out) return void(rp.deliver(bus_gone()));
    shared->fill(*out);
    rp.deliver(std::move(*out));
  })};
  count_stats(self, job);
  return rp;
}

// --- the order of a caller's messages -------------------------------------

// Runs `end_of_message` however the handler it guards returns.
struct end_of_message_guard {
  bus_pointer self;
  ~end_of_message_guard() { end_of_message(self); }
};

// A handler of a caller's message. The caller's earlier posts go first,
// even when the drain message a post sent is still behind this one in the
// mailbox; and gathered events and a wake owed by an earlier push go out
// as soon as the mailbox runs dry, whatever message came last.
template <class F, class R, class... Ts>
auto in_order_impl(bus_pointer self, F f, R (F::*)(Ts...) const) {
  return [self, f](Ts... xs) -> R {
    drain_posts(self);
    end_of_message_guard guard{self};
    return f(std::forward<Ts>(xs)...);
  };
}
template <class F>
auto in_order(bus_pointer self, F f) {
  return in_order_impl(self, std::move(f), &F::operator());
}

// A handler of the bus's own actors' reports (and of continuations): they
// come after what the caller sent, so only the end-of-burst flush applies.
template <class F, class R, class... Ts>
auto at_end_impl(bus_pointer self, F f, R (F::*)(Ts...) const) {
  return [self, f](Ts... xs) -> R {
    end_of_message_guard guard{self};
    return f(std::forward<Ts>(xs)...);
  };
}
template <class F>
auto at_end(bus_pointer self, F f) {
  return at_end_impl(self, std::move(f), &F::operator());
}

local_bus_actor::behavior_type bus_behavior(bus_pointer self, std::shared_ptr<bus_shared> shared) {
  auto& st = self->state;
  st.wake_interval = std::clamp<std::size_t>(shared->cfg.capacity / 16, 1, max_wake_interval);
  st.router = spawn_router(self->system(), shared, me(self));
  st.supervisor = spawn_supervisor(self->system(), shared, me(self));
  st.shared = std::move(shared);
  log_instead_of_printing(self, st.shared->log);
  return {
      // The public interface (include/astrid/bus/bus_actor.hpp).
      in_order(self, [=](publish_atom, astrid::event& ev) { return publish_request(self, ev); }),
      in_order(self, [=](post_atom, astrid::event& ev) { post_request(self, ev); }),
      in_order(self, [=](publish_ipc_atom, astrid::ipc_message& msg) {
        return publish_ipc_request(self, msg);
      }),
      in_order(self, [=](subscribe_atom, event_sink& who, std::string& pattern,
                         std::string& label) {
        return subscribe_request(self, who, pattern, label);
      }),
      in_order(self, [=](unsubscribe_atom, std::uint64_t id) {
        return unsubscribe_request(self, id);
      }),
      in_order(self, [=](stats_atom) { return stats_request(self); }),
      // The facade's calls.
      in_order(self, [=](publish_job& job) { publish(self, job); }),
      in_order(self, [](drain_atom) {}),
      in_order(self, [=](ring_attach& job) { job.done->set(self->state.shared->hub.attach()); }),
      in_order(self, [=](topic_attach& job) {
        self->state.routed.insert(job.id);
        to_router(self, std::move(job));
      }),
      in_order(self, [=](topic_detach& job) {
        self->state.routed.erase(job.id);
        to_router(self, job);
      }),
      in_order(self, [=](actor_attach& job) { attach_actor(self, job); }),
      in_order(self, [=](actor_detach& job) {
        forget_sink(self->state, job.id);
        to_router(self, std::move(job));
      }),
      in_order(self, [=](sync_attach& job) {
        self->state.sync.insert(job.id);
        self->send(self->state.supervisor, std::move(job));
      }),
      in_order(self, [=](sync_detach& job) {
        self->state.sync.erase(job.id);
        self->send(self->state.supervisor, std::move(job));
      }),
      in_order(self, [=](stats_query& job) { count_stats(self, job); }),
      in_order(self, [=](route_attach& job) {  // routed: IPC only, like topic receivers
        self->state.routed.insert(job.id);
        to_router(self, std::move(job));
      }),
      in_order(self, [=](route_detach& job) {
        self->state.routed.erase(job.id);
        to_router(self, job);
      }),
      [=](shutdown_order& order) {  // the bus quits: nothing after it to flush
        drain_posts(self);
        shutdown(self, order);
      },
      // Reports of the bus's own actors, its limiter, continuations.
      at_end(self, [=](sink_gone& job) { forget_sink(self->state, job.id); }),
      at_end(self, [=](sync_gone& job) { self->state.sync.erase(job.id); }),
      at_end(self, [=](limiter_actor& limiter) { self->state.limiter = std::move(limiter); }),
      at_end(self, [](resume_job& job) { job.run(); }),
  };
}

}  // namespace

bus_actors spawn_bus(caf::actor_system& sys, std::shared_ptr<bus_shared> shared) {
  auto bus = sys.spawn(bus_behavior, shared);
  auto limiter = spawn_limiter(sys, std::move(shared), bus);
  // The bus's first message: anyone else learns of the bus only from here.
  caf::anon_send(bus, limiter);
  return {std::move(bus), std::move(limiter)};
}

}  // namespace astrid::bus::detail
