// Blocking calls from plain threads into the actors without a scoped_actor
// per call: the caller waits on a small shared state; the actors carry a
// ticket through their pipeline, and the call completes when the last copy
// of the ticket is dropped - including when a message is dropped by a dead
// actor, so a caller can never hang on a bus that is gone.
#pragma once

#include <caf/allowed_unsafe_message_type.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace astrid::bus::detail {

/// What the waiting thread sees: the value, or nullopt when every ticket
/// was dropped without one (the bus actor is gone).
template <class T>
class call_state {
 public:
  /// A call a thread waits for (see `wait`).
  call_state() = default;
  /// A call nobody waits for: `deliver` hands the value to `on_done`
  /// instead, on the thread that drops the last ticket.
  explicit call_state(std::function<void(std::optional<T>)> on_done)
      : on_done_{std::move(on_done)} {}

  /// Completes the call. Never throws beyond T's move constructor (and,
  /// with a callback, what the callback throws).
  void deliver(std::optional<T> value) {
    if (on_done_) {
      on_done_(std::move(value));
      return;
    }
    {
      std::lock_guard<std::mutex> guard{mutex_};
      value_ = std::move(value);
      done_ = true;
    }
    cv_.notify_one();
  }

  /// True once `deliver` ran: `wait()` then returns at once (a test that
  /// runs the actors itself checks this instead of blocking). Never throws.
  bool ready() noexcept {
    std::lock_guard<std::mutex> guard{mutex_};
    return done_;
  }

  /// Blocks until `deliver` ran or `timeout` passed; true when it ran (then
  /// `wait()` returns at once). Never throws.
  bool wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock{mutex_};
    return cv_.wait_for(lock, timeout, [this] { return done_; });
  }

  /// Blocks until `deliver` ran, then hands the value over.
  std::optional<T> wait() {
    std::unique_lock<std::mutex> lock{mutex_};
    cv_.wait(lock, [this] { return done_; });
    return std::move(value_);
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool done_ = false;
  std::optional<T> value_;
  std::function<void(std::optional<T>)> on_done_;
};

/// Held by the actors working on a call; the last one dropped completes it.
/// Several actors may hold it at once (parallel legs of a publish), so
/// updates take a mutex; the calls that use it are not the hot path.
template <class T>
class call_token {
 public:
  explicit call_token(std::shared_ptr<call_state<T>> state) : state_{std::move(state)} {}
  call_token(const call_token&) = delete;
  call_token& operator=(const call_token&) = delete;
  ~call_token() {
    std::optional<T> result;
    {
      std::lock_guard<std::mutex> guard{mutex_};
      result = std::move(value_);
    }
    state_->deliver(std::move(result));
  }

  /// Applies `f(T&)` to the result under construction (default-constructed
  /// on first use); any update marks the call answered.
  template <class F>
  void update(F&& f) {
    std::lock_guard<std::mutex> guard{mutex_};
    if (!value_) value_.emplace();
    f(*value_);
  }

  /// Sets the result. Throws what T's move assignment throws.
  void set(T value) {
    update([&](T& x) { x = std::move(value); });
  }

 private:
  std::shared_ptr<call_state<T>> state_;
  std::mutex mutex_;
  std::optional<T> value_;
};

/// A shared handle to a call_token; empty for fire-and-forget work.
template <class T>
using ticket = std::shared_ptr<call_token<T>>;

/// A fresh call: the ticket for the actors and the state to wait on.
template <class T>
std::pair<ticket<T>, std::shared_ptr<call_state<T>>> make_call() {
  auto state = std::make_shared<call_state<T>>();
  return {std::make_shared<call_token<T>>(state), state};
}

/// A fresh call for an actor, which must not wait: `on_done` gets the
/// value (nullopt when every ticket was dropped without one).
template <class T>
ticket<T> make_async_call(std::function<void(std::optional<T>)> on_done) {
  return std::make_shared<call_token<T>>(std::make_shared<call_state<T>>(std::move(on_done)));
}

}  // namespace astrid::bus::detail
