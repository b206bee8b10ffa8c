// The shared state of one routed subscription: a core::routed_queues of
// events (one FIFO per publishing principal, DRR draining, 1 MiB budget)
// behind a mutex, written by the topic router and read by one
// routed_receiver, with a wake-up for a reader blocked in recv(). The
// principal scope and the admission gate are checked here, before anything
// is queued or woken, so a scoped or closed route costs foreign events
// nothing but a string compare.
#pragma once

#include "core/routed_queues.hpp"

#include <astrid/bus/event_ptr.hpp>
#include <astrid/bus/routed_options.hpp>
#include <astrid/messages/uuid.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace astrid::bus::detail {

/// Who owns a routed subscription: logged and counted with every eviction.
struct route_owner {
  astrid::uuid capsule;        ///< the subscribing capsule
  std::string capsule_label;   ///< its label (bus_stats key, `capsule=` in logs)
  std::string label;           ///< the subscriber label (`subscriber=` in logs)
};

/// One routed subscription's queues, shared by one writer (the topic
/// router) and one reader (its routed_receiver). Thread-safe.
class route {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  /// What a push did: the core report (evictions, rejection), whether the
  /// writer owes the reader a `wake()`, and whether the route was closed
  /// (then nothing was queued and nothing else in the report holds).
  struct push_report {
    core::push_result pushed;
    bool wake_owed = false;
    bool closed = false;
  };

  /// An empty route admitting what `scope` admits while `gate` is
  /// published, holding at most `principal_cap` events per principal and
  /// `budget_bytes` in all. Throws std::bad_alloc only.
  explicit route(routed_scope scope = routed_scope::everyone(),
                 route_gate gate = route_gate::published(),
                 std::size_t principal_cap = core::default_principal_cap,
                 std::size_t budget_bytes = core::max_route_budget_bytes);

  /// The scope given at construction.
  const routed_scope& scope() const noexcept { return scope_; }
  /// The gate given at construction (shared with the subscriber's copies).
  const route_gate& gate() const noexcept { return gate_; }
  /// True when an event from `principal` (nullopt: the system) is to be
  /// queued now: the gate is published and the scope admits it. Never throws.
  bool admits(const std::optional<std::string>& principal) const noexcept {
    return gate_.is_published() && scope_.admits(principal);
  }

  // -- writer (the topic router) -----------------------------------------------

  /// Queues `ev` of `size_bytes` under `principal` (the caller checked
  /// `admits`), unless the route is closed. `wake_owed` is true when the
  /// reader waits and no wake is owed yet: the writer must then call
  /// `wake()`. Throws std::bad_alloc only.
  push_report push(event_ptr ev, std::optional<std::string> principal, std::size_t size_bytes);
  /// Wakes a reader blocked in `next` (or awaiting, see `await`) and counts
  /// the wake-up. Never throws.
  void wake() noexcept;
  /// Marks the route ended (the bus is gone, or its reader let go): pushes
  /// queue nothing more, and the reader is woken. Never throws.
  void close() noexcept;

  // -- reader (one routed_receiver) ----------------------------------------------

  /// Exactly one event in DRR order, leaving the rest queued; waits until
  /// `deadline` (when given) for one. nullopt on timeout, or at once when
  /// empty and closed. Throws std::bad_alloc only.
  std::optional<event_ptr> next(const time_point* deadline);
  /// The events core::routed_queues::try_drain(budget_bytes) yields. Throws
  /// std::bad_alloc only.
  std::vector<event_ptr> drain(std::size_t budget_bytes);
  /// True once the bus is gone. Never throws.
  bool closed() const noexcept;
  /// The non-blocking twin of a waiting `next`, for a reader that is an
  /// actor: returns false when an event is queued or the route is closed
  /// (read now); otherwise arms the wait and returns true, and the writer
  /// calls `notify` once, from its thread, when it queues an event or the
  /// route closes. `notify` must not throw or block. Throws std::bad_alloc only.
  bool await(std::function<void()> notify);
  /// Disarms `await` (after `notify` ran, or when the reader gives up).
  /// Never throws.
  void cancel_await() noexcept;

  // -- observation (tests, diagnostics) ------------------------------------------

  /// Bytes queued across all principals. Never throws.
  std::size_t bytes() const noexcept;
  /// Events queued across all principals. Never throws.
  std::size_t size() const noexcept;
  /// Principal queues currently allocated. Never throws.
  std::size_t principal_count() const noexcept;
  /// True while the reader is blocked in `next` (lets a test publish only
  /// once the reader sleeps, without timing). Never throws.
  bool reader_waiting() const noexcept;
  /// Times the writer woke the reader. Never throws.
  std::uint64_t wakes() const noexcept { return wakes_.load(std::memory_order_relaxed); }

 private:
  const routed_scope scope_;
  const route_gate gate_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  core::routed_queues<event_ptr> queues_;  // guarded by mutex_
  bool waiting_ = false;                   // guarded by mutex_
  bool wake_owed_ = false;                 // guarded by mutex_
  bool closed_ = false;                    // guarded by mutex_
  std::function<void()> notify_;           // guarded by mutex_; armed by await
  std::atomic<std::uint64_t> wakes_{0};
};

}  // namespace astrid::bus::detail
