// How many subscribers a bus has, by kind: the one place that counts them.
// Each kind is counted where its subscription is made and where it ends, so
// event_bus::subscriber_count(), a node's hello and the metrics all read the
// same numbers.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace astrid::bus::detail {

/// The kinds of subscription a bus serves.
enum class subscriber_kind : std::uint8_t {
  receiver,        ///< event_bus::subscribe (all events, broadcast ring)
  topic_receiver,  ///< event_bus::subscribe_topic
  actor,           ///< event_bus::subscribe_actor, local or on another node
  sync,            ///< event_bus::add_subscriber, local or on another node
  routed,          ///< event_bus::subscribe_routed, local or on another node
};

/// Number of subscriber_kind values.
inline constexpr std::size_t subscriber_kinds = 5;

/// The name of `kind` as metrics and logs show it ("receiver", ...). Never throws.
constexpr std::string_view to_string(subscriber_kind kind) noexcept {
  constexpr std::array<std::string_view, subscriber_kinds> names{
      "receiver", "topic_receiver", "actor", "sync", "routed"};
  return names[static_cast<std::size_t>(kind)];
}

/// Live subscriptions of one bus, by kind. Thread-safe; lock-free. A count
/// read after a remove() sees what the remover did before it (a routed
/// subscription closes its route first, see actors/local/route_lease.hpp).
class subscriber_census {
 public:
  /// One more subscription of `kind`. Never throws.
  void add(subscriber_kind kind) noexcept { slot(kind).fetch_add(1, std::memory_order_relaxed); }
  /// One subscription of `kind` fewer. Never throws.
  void remove(subscriber_kind kind) noexcept { slot(kind).fetch_sub(1, std::memory_order_release); }
  /// Live subscriptions of `kind`. Never throws.
  std::size_t count(subscriber_kind kind) const noexcept {
    return counts_[static_cast<std::size_t>(kind)].load(std::memory_order_acquire);
  }
  /// What event_bus::subscriber_count() reports: receivers, topic
  /// receivers, actor and sync subscribers (routed ones are counted apart).
  /// Never throws.
  std::size_t subscribers() const noexcept {
    return count(subscriber_kind::receiver) + count(subscriber_kind::topic_receiver) +
           count(subscriber_kind::actor) + count(subscriber_kind::sync);
  }

 private:
  std::atomic<std::size_t>& slot(subscriber_kind kind) noexcept {
    return counts_[static_cast<std::size_t>(kind)];
  }
  std::array<std::atomic<std::size_t>, subscriber_kinds> counts_{};
};

}  // namespace astrid::bus::detail
