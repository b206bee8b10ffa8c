// The shared ring with wake-ups (see broadcast_hub.hpp).
#include "shared/broadcast_hub.hpp"

#include <algorithm>
#include <thread>

namespace astrid::bus::detail {

broadcast_hub::broadcast_hub(std::size_t capacity, subscriber_census& census)
    : ring_{capacity},
      census_{census},
      processors_{std::max<std::size_t>(1, std::thread::hardware_concurrency())} {}

std::size_t broadcast_hub::push(event_ptr ev) {
  std::lock_guard<std::mutex> guard{mutex_};
  const auto n = census_.count(subscriber_kind::receiver);
  if (n == 0) return 0;  // a new reader starts at the tail: nobody could read it
  ring_.push(std::move(ev));
  tail_.store(ring_.tail(), std::memory_order_release);
  if (waiters_ > 0) wake_owed_.store(true, std::memory_order_relaxed);
  return n;
}

bool broadcast_hub::spin_for_more(const core::ring_cursor& c, std::uint32_t rounds) const noexcept {
  for (std::uint32_t i = 0; i < rounds; ++i) {
    std::this_thread::yield();  // let the publisher, the bus and the other readers run
    if (tail_.load(std::memory_order_acquire) > c.next || closed()) return true;
  }
  return false;
}

void broadcast_hub::wake() noexcept {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    // A reader still polling reads under this lock later, finds the wake
    // owed and passes it on (see read): the bus need not pay for it.
    if (!wake_owed_.load(std::memory_order_relaxed) || pollers_.load(std::memory_order_relaxed) > 0)
      return;
    wake_owed_.store(false, std::memory_order_relaxed);
  }
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
                                std::size_t max, const time_point* deadline, std::uint32_t* spin) {
  // A stream in progress is caught by a few polls without the lock, where
  // parking would cost a futex wait now and a wake soon.
  // Polling pays only where readers outnumber the processors: then a
  // reader that yields lets the others, the bus and the publisher run, and
  // parking them all means waking them all as a herd. Fewer readers than
  // processors do better parked, woken once per burst.
  const bool crowded = census_.count(subscriber_kind::receiver) > processors_;
  const bool polling = deadline != nullptr && spin != nullptr && crowded &&
                       tail_.load(std::memory_order_acquire) <= c.next;
  bool spun = false;
  if (polling) {
    pollers_.fetch_add(1, std::memory_order_relaxed);
    spun = spin_for_more(c, *spin);
  }
  std::unique_lock<std::mutex> lock{mutex_};
  if (polling) pollers_.fetch_sub(1, std::memory_order_relaxed);
  if (deadline != nullptr && ring_.pending(c) == 0 && !closed()) {
    ++waiters_;
    cv_.wait_until(lock, *deadline, [&] { return ring_.pending(c) > 0 || closed(); });
    --waiters_;
  }
  const auto n = ring_.read(c, out, max);
  // A reader awake with events to read wakes those asleep, off the bus's
  // thread, when a wake is owed to them.
  const bool pass_on = n > 0 && waiters_ > 0 && wake_owed_.load(std::memory_order_relaxed);
  if (pass_on) wake_owed_.store(false, std::memory_order_relaxed);
  lock.unlock();
  if (pass_on) cv_.notify_all();
  if (spin != nullptr && deadline != nullptr && crowded)
    *spin = spun ? std::min(max_spin, *spin * 2 + 1) : *spin / 2;
  return n;
}

void broadcast_hub::catch_up(core::ring_cursor& c) {
  std::vector<event_ptr> none;
  std::lock_guard<std::mutex> guard{mutex_};
  ring_.read(c, none, 0);
}

}  // namespace astrid::bus::detail
