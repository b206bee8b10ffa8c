// The queue behind topic receivers and remote receivers (see waitable_queue.hpp).
#include "shared/waitable_queue.hpp"

#include <stdexcept>

namespace astrid::bus::detail {

waitable_queue::waitable_queue(std::size_t capacity) : capacity_{capacity} {
  if (capacity == 0) throw std::invalid_argument{"waitable_queue: capacity must be > 0"};
}

core::bounded_queue<event_ptr>& waitable_queue::storage() {
  if (!queue_) queue_.emplace(capacity_);
  return *queue_;
}

bool waitable_queue::push(event_ptr ev) {
  std::lock_guard<std::mutex> guard{mutex_};
  storage().push(std::move(ev));
  if (!waiting_ || wake_owed_) return false;
  wake_owed_ = true;
  return true;
}

void waitable_queue::wake() noexcept {
  wake_owed_ = false;  // the writer's own flag: only it reads or writes it
  cv_.notify_all();
}

void waitable_queue::close() noexcept {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    closed_ = true;
  }
  cv_.notify_all();
}

std::uint64_t waitable_queue::read(std::vector<event_ptr>& out, std::size_t max,
                                   const time_point* deadline) {
  std::unique_lock<std::mutex> lock{mutex_};
  if (deadline != nullptr && empty() && !closed_) {
    waiting_ = true;
    cv_.wait_until(lock, *deadline, [&] { return !empty() || closed_; });
    waiting_ = false;
  }
  if (!queue_) return 0;
  queue_->pop_into(out, max);
  return queue_->lagged();
}

std::uint64_t waitable_queue::drain_lagged() noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return queue_ ? queue_->drain_lagged() : 0;
}

bool waitable_queue::reader_waiting() const noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return waiting_;
}

bool waitable_queue::closed() const noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return closed_;
}

}  // namespace astrid::bus::detail
