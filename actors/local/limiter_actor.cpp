// The rate limiter actor (see limiter_actor.hpp): a thin shell around
// core::rate_window.
#include "actors/local/limiter_actor.hpp"

#include "actors/quiet_actor.hpp"
#include "core/rate_window.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <optional>
#include <string>

namespace astrid::bus::detail {

namespace {

struct limiter_state {
  limiter_state() = default;  // not an aggregate: CAF must not build it from `self`
  std::shared_ptr<bus_shared> shared;
  local_bus_actor bus;
  std::optional<core::rate_window> limiter;
  static constexpr const char* name = "astrid.bus.limiter";
};

using limiter_pointer = limiter_actor::stateful_pointer<limiter_state>;

void check(limiter_pointer self, ipc_job& job) {
  auto& st = self->state;
  const auto* msg = astrid::as_ipc(*job.ev);
  if (msg == nullptr) return;  // the facade sends IPC events only
  auto refused = st.limiter->check_quota(to_string(msg->source_id), msg->principal.value_or(""),
                                         astrid::ipc_size(*msg),
                                         st.shared->cfg.throughput_bytes_per_sec);
  if (!refused) {
    self->send(st.bus, publish_job{std::move(job.ev), std::move(job.done)});
    return;
  }
  st.shared->metrics.add_rejected(*refused);
  st.shared->log->debug("ipc refused source={} topic={} reason={}", to_string(msg->source_id),
                        msg->topic, *refused);
  if (job.done) job.done->update([&](publish_outcome& out) { out.rejected = std::move(*refused); });
}

limiter_actor::behavior_type limiter_behavior(limiter_pointer self,
                                              std::shared_ptr<bus_shared> shared, local_bus_actor bus) {
  auto& st = self->state;
  st.limiter.emplace(shared->cfg.max_payload_bytes);
  st.shared = std::move(shared);
  log_instead_of_printing(self, st.shared->log);
  st.bus = std::move(bus);
  return {
      [=](ipc_job& job) { check(self, job); },
      [=](shutdown_atom) { self->quit(); },
  };
}

}  // namespace

limiter_actor spawn_limiter(caf::actor_system& sys, std::shared_ptr<bus_shared> shared,
                            local_bus_actor bus) {
  return sys.spawn(limiter_behavior, std::move(shared), std::move(bus));
}

}  // namespace astrid::bus::detail
