// Scopes and admission gates of routed subscriptions (see
// include/astrid/bus/routed_options.hpp).
#include <astrid/bus/routed_options.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <utility>

namespace astrid::bus {

std::string routed_scope::to_string() const {
  switch (kind_) {
    case kind::everyone: return "everyone";
    case kind::system_only: return "system";
    case kind::principal: return "principal:" + principal_;
    case kind::principal_or_system: return "principal_or_system:" + principal_;
  }
  return "everyone";
}

struct route_gate::state {
  explicit state(bool is_open) : open{is_open} {}
  std::atomic<bool> open;
  mutable std::mutex mutex;  // guards watchers and next_watch
  std::map<std::uint64_t, std::function<void(bool)>> watchers;
  std::uint64_t next_watch = 1;

  void set(bool value) noexcept {
    std::lock_guard<std::mutex> guard{mutex};  // changes reach watchers in order
    open.store(value, std::memory_order_release);
    for (auto& [id, on_change] : watchers) on_change(value);
  }
};

route_gate::route_gate(bool open) : state_{std::make_shared<state>(open)} {}

route_gate route_gate::published() { return route_gate{true}; }

route_gate route_gate::staged() { return route_gate{false}; }

void route_gate::publish() noexcept { state_->set(true); }

void route_gate::retire() noexcept { state_->set(false); }

bool route_gate::is_published() const noexcept {
  return state_->open.load(std::memory_order_acquire);
}

std::uint64_t route_gate::watch(std::function<void(bool)> on_change) const {
  std::lock_guard<std::mutex> guard{state_->mutex};
  const auto id = state_->next_watch++;
  on_change(state_->open.load(std::memory_order_acquire));
  state_->watchers.emplace(id, std::move(on_change));
  return id;
}

void route_gate::unwatch(std::uint64_t id) const noexcept {
  std::lock_guard<std::mutex> guard{state_->mutex};
  state_->watchers.erase(id);
}

}  // namespace astrid::bus
