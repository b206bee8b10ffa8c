// The owning bus's end of a remote routed subscription (see route_keeper.hpp).
#include "actors/nodes/route_keeper.hpp"

#include "actors/quiet_actor.hpp"

#include <caf/actor_cast.hpp>
#include <caf/local_actor.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include <chrono>
#include <optional>
#include <tuple>
#include <utility>

namespace astrid::bus::detail {

namespace {

using reply_promise = caf::typed_response_promise<wire_batch, bool>;

struct keeper_state {
  keeper_state() = default;  // not an aggregate: CAF must not build it from `self`
  std::optional<route_lease> lease;  // dropped when the reader is gone
  std::shared_ptr<spdlog::logger> log;
  reply_promise parked;           // a next() waiting for an event
  bool has_parked = false;
  std::uint64_t parked_no = 0;    // tells a stale timeout from the current one
  static constexpr const char* name = "astrid.route_keeper";
};

using keeper_pointer = route_keeper_actor::stateful_pointer<keeper_state>;

// One event (if any) and whether the route is closed and empty.
std::tuple<wire_batch, bool> read_one(route& r) {
  wire_batch out;
  if (auto ev = r.next(nullptr)) {
    out.events.push_back(wire_event{std::move(*ev)});
    return {std::move(out), false};
  }
  return {std::move(out), r.closed()};
}

void answer_parked(keeper_pointer self) {
  auto& st = self->state;
  if (!st.has_parked) return;
  st.has_parked = false;
  st.lease->queue().cancel_await();
  auto [batch, closed] = read_one(st.lease->queue());
  st.parked.deliver(std::move(batch), closed);
}

reply_promise next(keeper_pointer self, std::uint64_t timeout_ms) {
  auto& st = self->state;
  answer_parked(self);  // one reader: a new call supersedes a parked one
  auto& r = st.lease->queue();
  auto [batch, closed] = read_one(r);
  if (!batch.events.empty() || closed || timeout_ms == 0)
    return self->response(std::move(batch), closed);
  auto me = caf::actor_cast<caf::actor>(self);
  if (!r.await([me] { caf::anon_send(me, rwake_atom::value); })) {
    std::tie(batch, closed) = read_one(r);  // queued meanwhile
    return self->response(std::move(batch), closed);
  }
  st.parked = self->make_response_promise<wire_batch, bool>();
  st.has_parked = true;
  self->delayed_send(caf::actor_cast<route_keeper_actor>(self), std::chrono::milliseconds{timeout_ms}, rtimeout_atom::value,
                     ++st.parked_no);
  return st.parked;
}

route_keeper_actor::behavior_type keeper_behavior(keeper_pointer self,
                                                  std::shared_ptr<route_lease> lease,
                                                  caf::actor client,
                                                  std::shared_ptr<spdlog::logger> log) {
  self->state.lease.emplace(std::move(*lease));
  self->state.log = std::move(log);
  log_instead_of_printing(self, self->state.log);
  self->monitor(client);
  self->set_down_handler([=](caf::down_msg& dm) {
    auto& st = self->state;
    st.lease->queue().cancel_await();
    const auto owner = st.lease->owner();
    st.lease.reset();  // removes the route from the bus
    st.log->info("remote routed subscriber gone capsule={} subscriber={} reason={}",
                 owner.capsule_label, owner.label, self->system().render(dm.reason));
    self->quit();
  });
  return {
      [=](rnext_atom, std::uint64_t timeout_ms) { return next(self, timeout_ms); },
      [=](rdrain_atom, std::uint64_t budget) -> std::tuple<wire_batch, bool> {
        auto& r = self->state.lease->queue();
        wire_batch out;
        for (auto& ev : r.drain(static_cast<std::size_t>(budget)))
          out.events.push_back(wire_event{std::move(ev)});
        const bool closed = out.events.empty() && r.closed();
        return {std::move(out), closed};
      },
      [=](rstats_atom) -> std::tuple<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t,
                                     std::uint64_t> {
        const auto& st = self->state;
        const auto& r = st.lease->queue();
        return {r.bytes(), r.size(), r.principal_count(), r.wakes(), st.has_parked ? 1u : 0u};
      },
      [=](rwake_atom) { answer_parked(self); },
      [=](rtimeout_atom, std::uint64_t no) {
        if (no == self->state.parked_no) answer_parked(self);
      },
  };
}

}  // namespace

route_keeper_actor spawn_route_keeper(caf::local_actor* parent, route_lease lease,
                                      caf::actor client, std::shared_ptr<spdlog::logger> log) {
  // CAF copies spawn arguments; the move-only lease travels in a shared_ptr.
  return parent->spawn<caf::linked>(keeper_behavior, std::make_shared<route_lease>(std::move(lease)),
                                    std::move(client), std::move(log));
}

}  // namespace astrid::bus::detail
