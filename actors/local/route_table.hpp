// The routed subscriptions as the topic router sees them: which route an id
// of its trie stands for, and the per-route delivery that checks the scope,
// queues the event under its principal, wakes the reader, and turns every
// eviction or rejection into a counter and a security log line. The trie
// itself stays in the router, shared with topic receivers and actor sinks.
#pragma once

#include "shared/bus_shared.hpp"
#include "shared/route.hpp"

#include <astrid/bus/event_ptr.hpp>
#include <astrid/messages/ipc.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace astrid::bus::detail {

/// What `route_table::deliver` did with an event for one trie id.
enum class route_delivery {
  not_a_route,  ///< the id is not a routed subscription
  handed,       ///< queued on the route (perhaps after evicting older events)
  skipped,      ///< out of the route's scope, or larger than its budget
};

/// The routed subscriptions of one bus, keyed by their trie id. Owned by
/// the topic router; not thread-safe (the routes themselves are).
class route_table {
 public:
  /// Registers route `queue` for `pattern` as `id`. Throws std::bad_alloc only.
  void add(std::uint64_t id, std::string pattern, std::shared_ptr<route> queue, route_owner owner);
  /// Unregisters `id`; returns its pattern (to erase from the trie), or
  /// nullopt when unknown. Never throws beyond std::string's move.
  std::optional<std::string> remove(std::uint64_t id);
  /// Offers `ev` (whose IPC message is `msg`) to route `id`. `size` caches
  /// ipc_size(msg) across the routes of one publish (computed on first
  /// need). Throws std::bad_alloc only.
  route_delivery deliver(bus_shared& shared, std::uint64_t id, const event_ptr& ev,
                         const astrid::ipc_message& msg, std::optional<std::size_t>& size);
  /// Closes every route (the bus is going) and forgets them. Never throws.
  void close_all() noexcept;
  /// Routes registered. Never throws.
  std::size_t size() const noexcept { return entries_.size(); }
  /// Bytes queued across all routes now. Never throws.
  std::size_t bytes() const noexcept;

 private:
  struct entry {
    std::string pattern;
    std::shared_ptr<route> queue;
    route_owner owner;
  };
  std::unordered_map<std::uint64_t, entry> entries_;
};

}  // namespace astrid::bus::detail
