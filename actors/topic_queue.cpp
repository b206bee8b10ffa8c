// The queue behind one topic receiver (see topic_queue.hpp).
#include "actors/topic_queue.hpp"

#include <stdexcept>

namespace astrid::bus::detail {

topic_queue::topic_queue(std::size_t capacity) : capacity_{capacity} {
  if (capacity == 0) throw std::invalid_argument{"topic_queue: capacity must be > 0"};
}

bool topic_queue::push(event_ptr ev) {
  std::lock_guard<std::mutex> guard{mutex_};
  if (!queue_) queue_.emplace(capacity_);
  queue_->push(std::move(ev));
  if (!waiting_ || wake_owed_) return false;
  wake_owed_ = true;
  return true;
}

void topic_queue::close() noexcept {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    closed_ = true;
  }
  cv_.notify_all();
}

std::size_t topic_queue::read(std::vector<event_ptr>& out, std::size_t max,
                              const time_point* deadline, std::uint64_t& lagged) {
  std::unique_lock<std::mutex> lock{mutex_};
  const auto empty = [this] { return !queue_ || queue_->empty(); };
  if (deadline != nullptr && empty() && !closed_) {
    waiting_ = true;
    cv_.wait_until(lock, *deadline, [&] { return !empty() || closed_; });
    waiting_ = false;
  }
  if (!queue_) {
    lagged = 0;
    return 0;
  }
  lagged = queue_->lagged();
  return queue_->pop_into(out, max);
}

std::uint64_t topic_queue::drain_lagged() noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return queue_ ? queue_->drain_lagged() : 0;
}

bool topic_queue::closed() const noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return closed_;
}

}  // namespace astrid::bus::detail
