// The shared state of one routed subscription (see route.hpp).
#include "shared/route.hpp"

#include <utility>

namespace astrid::bus::detail {

route::route(routed_scope scope, route_gate gate, std::size_t principal_cap,
             std::size_t budget_bytes)
    : scope_{std::move(scope)}, gate_{std::move(gate)}, queues_{budget_bytes, {}, principal_cap} {}

route::push_report route::push(event_ptr ev, std::optional<std::string> principal,
                               std::size_t size_bytes) {
  push_report r;
  std::lock_guard<std::mutex> guard{mutex_};
  if (closed_) {
    r.closed = true;
    return r;
  }
  r.pushed = queues_.push(std::move(principal), std::move(ev), size_bytes);
  if (r.pushed.accepted() && waiting_ && !wake_owed_) {
    wake_owed_ = true;
    r.wake_owed = true;
  }
  return r;
}

void route::wake() noexcept {
  std::function<void()> notify;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    notify.swap(notify_);
  }
  wakes_.fetch_add(1, std::memory_order_relaxed);
  cv_.notify_all();
  if (notify) notify();
}

void route::close() noexcept {
  std::function<void()> notify;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    closed_ = true;
    notify.swap(notify_);
  }
  cv_.notify_all();
  if (notify) notify();
}

bool route::await(std::function<void()> notify) {
  std::lock_guard<std::mutex> guard{mutex_};
  if (!queues_.empty() || closed_) return false;
  waiting_ = true;
  wake_owed_ = false;
  notify_ = std::move(notify);
  return true;
}

void route::cancel_await() noexcept {
  std::function<void()> dropped;
  {
    std::lock_guard<std::mutex> guard{mutex_};
    waiting_ = false;
    wake_owed_ = false;
    dropped.swap(notify_);
  }
}

std::optional<event_ptr> route::next(const time_point* deadline) {
  std::unique_lock<std::mutex> lock{mutex_};
  if (deadline != nullptr && queues_.empty() && !closed_) {
    waiting_ = true;
    cv_.wait_until(lock, *deadline, [&] { return !queues_.empty() || closed_; });
    waiting_ = false;
    wake_owed_ = false;
  }
  return queues_.pop_one();
}

std::vector<event_ptr> route::drain(std::size_t budget_bytes) {
  std::lock_guard<std::mutex> guard{mutex_};
  return queues_.try_drain(budget_bytes);
}

bool route::closed() const noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return closed_;
}

std::size_t route::bytes() const noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return queues_.bytes();
}

std::size_t route::size() const noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return queues_.size();
}

std::size_t route::principal_count() const noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return queues_.principal_count();
}

bool route::reader_waiting() const noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return waiting_;
}

}  // namespace astrid::bus::detail
