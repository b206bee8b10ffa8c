// Per-principal fair queues for one routed subscription. In the reference, a
// shared queue let one principal's flood push everyone else's messages out;
// here each publishing principal gets its own queue, allocated on demand, and
// draining serves them by deficit round-robin under a 1 MiB route budget.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <iterator>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace astrid::core {

/// Bytes one routed subscription may hold across all its principal queues:
/// 1 MiB, as in the reference, so a stalled consumer costs bounded memory.
inline constexpr std::size_t max_route_budget_bytes = std::size_t{1} << 20;
/// Items one principal queue holds by default, so tiny messages cannot pile
/// up without bound within the byte budget. The reference 0.8.0 held 256;
/// 0.9.4 raised it to 16,384 because LLM token streams at ~2,000 events/s
/// lost events (the terminal Done among them) while the byte budget, which
/// still bounds memory, had room to spare.
inline constexpr std::size_t default_principal_cap = 16'384;
/// The scope that admits only events without a principal (kernel and
/// runtime events); reserved as a principal name for scoping.
inline constexpr std::string_view system_scope = "system";
/// Smallest DRR quantum: each visit grants a principal at least this many
/// bytes, so a round serves at least one typical message per principal.
inline constexpr std::size_t drr_quantum_min_bytes = 4 * 1024;

/// Who published a message, for fairness and logging.
enum class principal_kind {
  system,  ///< no principal (kernel / runtime events)
  agent,   ///< principal named "agent.<...>" or "agent:<...>"
  user,    ///< any other principal
};

/// Classifies a principal: nullopt is `system`, an "agent." or "agent:"
/// prefix is `agent`, anything else `user`. Never throws.
inline principal_kind principal_class(std::optional<std::string_view> principal) noexcept {
  if (!principal) return principal_kind::system;
  auto p = *principal;
  if (p.size() >= 6 && p.substr(0, 5) == "agent" && (p[5] == '.' || p[5] == ':'))
    return principal_kind::agent;
  return principal_kind::user;
}

/// "system", "agent" or "user". Never throws.
inline std::string_view to_string(principal_kind k) noexcept {
  switch (k) {
    case principal_kind::system: return "system";
    case principal_kind::agent: return "agent";
    case principal_kind::user: return "user";
  }
  return "user";
}

/// What happened to a pushed item.
enum class push_outcome {
  queued,                ///< queued, nothing dropped
  queued_with_evictions, ///< queued after dropping older items (see `evictions`)
  rejected_too_large,    ///< larger than the whole route budget: not queued
};

/// Why an older item was dropped to make room.
enum class eviction_reason {
  route_budget,   ///< the route's byte budget was full: oldest head evicted
  principal_cap,  ///< the principal's queue held its cap of items
};

/// One item dropped by a push.
struct eviction {
  std::optional<std::string> principal;  ///< its principal (nullopt = system)
  std::size_t bytes = 0;                 ///< its size
  eviction_reason reason = eviction_reason::route_budget;
  std::chrono::steady_clock::duration waited{};  ///< time it spent queued
};

/// The report of one push, for the owner to count and log.
struct push_result {
  push_outcome outcome = push_outcome::queued;
  std::vector<eviction> evictions;  ///< items dropped to make room, oldest first
  /// Items dropped by this push.
  std::size_t evicted_count() const noexcept { return evictions.size(); }
  /// Bytes dropped by this push.
  std::size_t evicted_bytes() const noexcept {
    std::size_t n = 0;
    for (const auto& e : evictions) n += e.bytes;
    return n;
  }
  /// True when the pushed item was queued.
  bool accepted() const noexcept { return outcome != push_outcome::rejected_too_large; }
};

/// The queue set of one routed subscription: one FIFO per publishing
/// principal (nullopt = system), created on first push and freed when
/// drained, under a byte budget; drained by deficit round-robin so every
/// principal with pending items makes progress each round. Items keep
/// publish order within a principal. Not thread-safe.
template <class T>
class routed_queues {
 public:
  /// Time source (enqueue times, for eviction reports); injected for tests.
  using clock = std::function<std::chrono::steady_clock::time_point()>;

  /// An empty queue set holding at most `budget_bytes` bytes and at most
  /// `principal_cap` items per principal (0 counts as 1), reading time from
  /// `now` (steady_clock::now when empty). Throws std::bad_alloc only.
  explicit routed_queues(std::size_t budget_bytes = max_route_budget_bytes, clock now = {},
                         std::size_t principal_cap = default_principal_cap)
      : budget_{budget_bytes},
        principal_cap_{std::max<std::size_t>(principal_cap, 1)},
        now_{now ? std::move(now) : clock{[] { return std::chrono::steady_clock::now(); }}} {}

  routed_queues(const routed_queues&) = delete;
  routed_queues& operator=(const routed_queues&) = delete;
  routed_queues(routed_queues&&) = default;
  routed_queues& operator=(routed_queues&&) = default;

  /// Queues `item` of `size_bytes` from `principal`. An item larger than the
  /// budget is rejected. Otherwise, if the principal already holds
  /// its cap of items, its oldest item is dropped; then, while the
  /// item does not fit the budget, the head that has waited longest (across
  /// all principals) is dropped. Every drop is reported. Throws what T's
  /// move constructor or the allocator throws.
  push_result push(std::optional<std::string> principal, T item, std::size_t size_bytes) {
    push_result r;
    if (size_bytes > budget_) {
      r.outcome = push_outcome::rejected_too_large;
      return r;
    }
    const auto t = now_();
    principal_key key{std::move(principal)};
    if (auto found = index_.find(key); found != index_.end()) {
      if (found->second->items.size() >= principal_cap_)
        evict_head(found->second, eviction_reason::principal_cap, t, r);
    }
    while (bytes_ + size_bytes > budget_ && !heads_.empty())
      evict_head(heads_.begin()->second, eviction_reason::route_budget, t, r);
    auto q = find_or_create(std::move(key));
    const auto seq = next_seq_++;
    q->items.push_back(entry{std::move(item), size_bytes, seq, t});
    if (q->items.size() == 1) heads_.emplace(seq, q);
    bytes_ += size_bytes;
    ++count_;
    if (!r.evictions.empty()) r.outcome = push_outcome::queued_with_evictions;
    return r;
  }

  /// Removes and returns items by deficit round-robin with quantum
  /// max(drr_quantum_min_bytes, budget_bytes / active principals), until
  /// the next item would take the total above `budget_bytes` or nothing is
  /// left. Always returns at least one item when any is queued, so a large
  /// item cannot wedge the route. Emptied queues are freed.
  std::vector<T> try_drain(std::size_t budget_bytes) {
    std::vector<T> out;
    if (queues_.empty()) return out;
    const auto quantum = std::max(drr_quantum_min_bytes, budget_bytes / queues_.size());
    drain(out, budget_bytes, static_cast<std::size_t>(-1), quantum);
    return out;
  }

  /// Removes and returns exactly one item, in the same fair order as
  /// try_drain (quantum drr_quantum_min_bytes), leaving the rest queued; nullopt when empty.
  std::optional<T> pop_one() {
    std::vector<T> out;
    drain(out, static_cast<std::size_t>(-1), 1, drr_quantum_min_bytes);
    if (out.empty()) return std::nullopt;
    return std::optional<T>{std::move(out.front())};
  }

  /// Bytes queued across all principals.
  std::size_t bytes() const noexcept { return bytes_; }
  /// Items queued across all principals.
  std::size_t size() const noexcept { return count_; }
  /// True when nothing is queued.
  bool empty() const noexcept { return count_ == 0; }
  /// Principals with at least one queued item (= queues allocated).
  std::size_t principal_count() const noexcept { return queues_.size(); }
  /// Items queued for `principal` (nullopt = system).
  std::size_t queued_for(std::optional<std::string_view> principal) const {
    principal_key key;
    if (principal) key.name.emplace(*principal);
    auto it = index_.find(key);
    return it == index_.end() ? 0 : it->second->items.size();
  }
  /// The byte budget given at construction.
  std::size_t budget_bytes() const noexcept { return budget_; }
  /// Most items one principal's queue holds.
  std::size_t principal_cap() const noexcept { return principal_cap_; }

 private:
  struct principal_key {
    std::optional<std::string> name;
    bool operator==(const principal_key&) const = default;
  };
  struct key_hash {
    std::size_t operator()(const principal_key& k) const noexcept {
      return k.name ? std::hash<std::string>{}(*k.name) : 0x9e3779b97f4a7c15ull;
    }
  };
  struct entry {
    T item;
    std::size_t bytes;
    std::uint64_t seq;  // global enqueue order: the oldest head has the lowest
    std::chrono::steady_clock::time_point enqueued;
  };
  struct principal_queue {
    principal_key key;
    std::deque<entry> items;
    std::size_t deficit = 0;
  };
  using queue_list = std::list<principal_queue>;
  using queue_iter = typename queue_list::iterator;

  queue_iter find_or_create(principal_key key) {
    if (auto it = index_.find(key); it != index_.end()) return it->second;
    // New principals join just before the cursor: served at the end of
    // the current round, like any DRR newcomer.
    queue_iter q;
    if (queues_.empty()) {
      q = queues_.insert(queues_.end(), principal_queue{key, {}, 0});
      cursor_ = q;
      credited_ = false;
    } else {
      q = queues_.insert(cursor_, principal_queue{key, {}, 0});
    }
    index_.emplace(std::move(key), q);
    return q;
  }

  // Pops the head of `q`, keeping heads_, counters and the queue list right.
  entry pop_head(queue_iter q) {
    entry e = std::move(q->items.front());
    q->items.pop_front();
    heads_.erase(e.seq);
    bytes_ -= e.bytes;
    --count_;
    if (!q->items.empty()) heads_.emplace(q->items.front().seq, q);
    return e;
  }

  // Frees `q` when empty; moves the cursor off it if needed.
  void release_if_empty(queue_iter q) {
    if (!q->items.empty()) return;
    if (q == cursor_) {
      cursor_ = std::next(q);
      credited_ = false;
    }
    index_.erase(q->key);
    queues_.erase(q);
    if (cursor_ == queues_.end()) cursor_ = queues_.begin();
  }

  void evict_head(queue_iter q, eviction_reason why, std::chrono::steady_clock::time_point t,
                  push_result& r) {
    auto e = pop_head(q);
    r.evictions.push_back(eviction{q->key.name, e.bytes, why, t - e.enqueued});
    release_if_empty(q);
  }

  void advance() {
    ++cursor_;
    if (cursor_ == queues_.end()) cursor_ = queues_.begin();
    credited_ = false;
  }

  // DRR core. The principal under the cursor is credited one quantum per
  // visit (credited_ remembers it across calls, so stopping on a limit and
  // resuming later does not grant a second quantum).
  void drain(std::vector<T>& out, std::size_t budget, std::size_t max_items,
             std::size_t quantum) {
    std::size_t drained = 0;
    std::size_t idle_visits = 0;  // visits since the last pop
    while (!queues_.empty() && out.size() < max_items) {
      if (idle_visits >= queues_.size() && !credited_) {
        skip_idle_rounds(quantum);
        idle_visits = 0;
      }
      auto q = cursor_;
      if (!credited_) {
        // Saturating: a huge drain budget gives a huge quantum.
        q->deficit = q->deficit > static_cast<std::size_t>(-1) - quantum
                         ? static_cast<std::size_t>(-1)
                         : q->deficit + quantum;
        credited_ = true;
      }
      bool stop = false;
      bool popped = false;
      while (!q->items.empty()) {
        const auto need = q->items.front().bytes;
        if (need > q->deficit) break;
        if (out.size() >= max_items || (drained + need > budget && !out.empty())) {
          stop = true;
          break;
        }
        auto e = pop_head(q);
        q->deficit -= e.bytes;
        drained += e.bytes;
        out.push_back(std::move(e.item));
        popped = true;
      }
      if (stop) return;
      idle_visits = popped ? 0 : idle_visits + 1;
      if (q->items.empty()) {
        release_if_empty(q);  // also moves the cursor on; deficit goes with it
      } else {
        advance();
      }
    }
  }

  // A whole round served nobody: every head is larger than its deficit.
  // Grant at once the rounds that would pass without a pop (exactly what
  // DRR would do visit by visit), so large items with a small quantum cost
  // O(principals), not O(principals x item / quantum).
  void skip_idle_rounds(std::size_t quantum) noexcept {
    std::size_t rounds = static_cast<std::size_t>(-1);
    for (const auto& q : queues_) {
      const auto need = q.items.front().bytes - q.deficit;  // > 0 here
      rounds = std::min(rounds, (need + quantum - 1) / quantum);
    }
    if (rounds <= 1) return;
    for (auto& q : queues_) q.deficit += (rounds - 1) * quantum;
  }

  std::size_t budget_;
  std::size_t principal_cap_;
  clock now_;
  queue_list queues_;
  std::unordered_map<principal_key, queue_iter, key_hash> index_;
  std::map<std::uint64_t, queue_iter> heads_;  // head seq -> queue, oldest first
  queue_iter cursor_{};
  bool credited_ = false;
  std::size_t bytes_ = 0;
  std::size_t count_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace astrid::core
