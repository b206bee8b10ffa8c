// The shared ring with wake-ups (see broadcast_hub.hpp).
#include "shared/broadcast_hub.hpp"

namespace astrid::bus::detail {

broadcast_hub::broadcast_hub(std::size_t capacity, subscriber_census& census)
    : ring_{capacity}, census_{census} {}

std::size_t broadcast_hub::push(event_ptr ev) {
  std::lock_guard<std::mutex> guard{mutex_};
  const auto n = census_.count(subscriber_kind::receiver);
  if (n == 0) return 0;  // a new reader starts at the tail: nobody could read it
  ring_.push(std::move(ev));
  if (waiters_ > 0) wake_owed_ = true;
  return n;
}

void broadcast_hub::wake() noexcept {
  if (!wake_owed_) return;
  wake_owed_ = false;
  cv_.notify_all();
}

void broadcast_hub::close() noexcept {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    closed_.store(true, std::memory_order_release);
  }
  cv_.notify_all();
}

core::ring_cursor broadcast_hub::attach() noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  census_.add(subscriber_kind::receiver);
  return ring_.subscribe();
}

void broadcast_hub::detach() noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  census_.remove(subscriber_kind::receiver);
}

std::size_t broadcast_hub::read(core::ring_cursor& c, std::vector<event_ptr>& out,
                                std::size_t max, const time_point* deadline) {
  std::unique_lock<std::mutex> lock{mutex_};
  if (deadline != nullptr && ring_.pending(c) == 0 && !closed()) {
    ++waiters_;
    cv_.wait_until(lock, *deadline, [&] { return ring_.pending(c) > 0 || closed(); });
    --waiters_;
  }
  return ring_.read(c, out, max);
}

void broadcast_hub::catch_up(core::ring_cursor& c) {
  std::vector<event_ptr> none;
  std::lock_guard<std::mutex> guard{mutex_};
  ring_.read(c, none, 0);
}

}  // namespace astrid::bus::detail
