// The reader actor of a remote routed subscription (see route_reader.hpp).
#include "actors/nodes/route_reader.hpp"

#include "actors/nodes/route_keeper.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/error.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace astrid::bus::detail {

namespace {

struct reader_state {
  reader_state() = default;  // not an aggregate: CAF must not build it from `self`
  route_keeper_actor keeper;
  std::shared_ptr<std::atomic<bool>> closed;
  std::unordered_map<std::uint64_t, ticket<route_answer>> pending;  // by call number
  std::uint64_t calls = 0;
  static constexpr const char* name = "astrid.route_reader";
};

using reader_pointer = caf::stateful_actor<reader_state>*;

// Completes call `key` with `answer` (if still pending).
void complete(reader_pointer self, std::uint64_t key, route_answer answer) {
  auto it = self->state.pending.find(key);
  if (it == self->state.pending.end()) return;
  if (answer.closed) self->state.closed->store(true);
  it->second->set(std::move(answer));
  self->state.pending.erase(it);
}

void forward(reader_pointer self, route_call& c) {
  auto& st = self->state;
  if (!st.keeper) return;  // not bound: the ticket drops, the read fails
  const auto key = ++st.calls;
  st.pending.emplace(key, std::move(c.done));
  auto fail = [=](caf::error&) {
    self->state.closed->store(true);
    self->state.pending.erase(key);  // drops the ticket: the read returns nothing
  };
  auto events = [=](wire_batch& b, bool closed) {
    route_answer a;
    a.events.reserve(b.events.size());
    for (auto& w : b.events) a.events.push_back(std::move(w.ev));
    a.closed = closed;
    complete(self, key, std::move(a));
  };
  switch (c.op) {
    case route_op::next:
      self->request(st.keeper, caf::infinite, rnext_atom::value, c.arg).then(events, fail);
      break;
    case route_op::drain:
      self->request(st.keeper, caf::infinite, rdrain_atom::value, c.arg).then(events, fail);
      break;
    case route_op::stats:
      self->request(st.keeper, caf::infinite, rstats_atom::value)
          .then(
              [=](std::uint64_t bytes, std::uint64_t size, std::uint64_t principals,
                  std::uint64_t wakes, std::uint64_t parked) {
                route_answer a;
                a.stats = {bytes, size, principals, wakes, parked};
                complete(self, key, std::move(a));
              },
              fail);
      break;
  }
}

caf::behavior reader_behavior(reader_pointer self, std::shared_ptr<std::atomic<bool>> closed) {
  self->state.closed = std::move(closed);
  self->set_down_handler([=](caf::down_msg&) {
    self->state.closed->store(true);
    self->state.pending.clear();  // every waiting read returns at once
    self->quit();
  });
  return {
      [=](rbind_atom, caf::actor keeper) {
        self->monitor(keeper);
        self->state.keeper = caf::actor_cast<route_keeper_actor>(std::move(keeper));
      },
      [=](route_call& c) { forward(self, c); },
  };
}

}  // namespace

caf::actor spawn_route_reader(caf::actor_system& sys, std::shared_ptr<std::atomic<bool>> closed) {
  return sys.spawn(reader_behavior, std::move(closed));
}

}  // namespace astrid::bus::detail
