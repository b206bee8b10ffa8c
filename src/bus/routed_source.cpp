// The reading ends of routed subscriptions (see routed_source.hpp).
#include "bus/routed_source.hpp"

#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

#include <algorithm>
#include <utility>

namespace astrid::bus::detail {

remote_routed_source::remote_routed_source(caf::actor reader,
                                           std::function<void(bool)> forward_gate,
                                           std::shared_ptr<std::atomic<bool>> closed,
                                           route_owner owner, routed_scope scope, route_gate gate)
    : routed_source{std::move(owner), std::move(scope)},
      reader_{std::move(reader)},
      closed_{std::move(closed)},
      gate_{std::move(gate)} {
  gate_watch_ = gate_.watch(std::move(forward_gate));
}

remote_routed_source::~remote_routed_source() {
  gate_.unwatch(gate_watch_);
  caf::anon_send_exit(reader_, caf::exit_reason::user_shutdown);
}

std::optional<route_answer> remote_routed_source::call(route_op op, std::uint64_t arg) const {
  auto [token, state] = make_call<route_answer>();
  caf::anon_send(reader_, route_call{op, arg, std::move(token)});
  auto answer = state->wait();
  if (!answer) closed_->store(true);
  return answer;
}

std::optional<event_ptr> remote_routed_source::next(const time_point* deadline) {
  std::uint64_t timeout_ms = 0;
  if (deadline != nullptr) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline -
                                                             std::chrono::steady_clock::now());
    timeout_ms = static_cast<std::uint64_t>(std::max<std::int64_t>(left.count(), 0));
  }
  auto answer = call(route_op::next, timeout_ms);
  if (!answer || answer->events.empty()) return std::nullopt;
  return std::move(answer->events.front());
}

std::vector<event_ptr> remote_routed_source::drain(std::size_t budget_bytes) {
  auto answer = call(route_op::drain, budget_bytes);
  if (!answer) return {};
  return std::move(answer->events);
}

std::uint64_t remote_routed_source::stat(std::size_t i) const noexcept {
  try {
    auto answer = call(route_op::stats, 0);
    return answer ? answer->stats[i] : 0;
  } catch (...) {
    return 0;  // out of memory: report nothing queued
  }
}

}  // namespace astrid::bus::detail
