// What the bus's actors, its facade and its receivers share: configuration,
// the broadcast hub, counters, and a link to the bus actor that is cut when
// the bus shuts down, so a receiver outliving its bus never touches CAF again.
#pragma once

#include "actors/broadcast_hub.hpp"
#include "actors/metrics.hpp"

#include <astrid/bus/bus_config.hpp>

#include <caf/actor.hpp>
#include <caf/send.hpp>

#include <spdlog/logger.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>

namespace astrid::bus::detail {

/// Most events a receiver takes from its queue under one lock.
inline constexpr std::size_t max_read_batch = 256;

/// State shared by everything belonging to one bus; lives as long as its
/// longest-lived user (a receiver may outlive the bus).
class bus_shared {
 public:
  /// Shared state for a bus configured by `cfg`. Throws
  /// std::invalid_argument when `cfg.capacity` is 0.
  explicit bus_shared(bus_config cfg);

  const bus_config cfg;            ///< as given at construction
  broadcast_hub hub;               ///< all-events receivers
  bus_metrics metrics;             ///< counters behind stats()
  std::shared_ptr<spdlog::logger> log;  ///< the "astrid.bus" logger
  std::atomic<std::size_t> topic_receivers{0};    ///< live topic receivers
  std::atomic<std::size_t> actor_subscribers{0};  ///< live actor subscriptions
  std::atomic<std::size_t> sync_subscribers{0};   ///< registered sync subscribers
  std::atomic<std::size_t> routed_subscriptions{0};  ///< live routed receivers

  /// Events a receiver reads under one lock.
  std::size_t read_batch() const noexcept { return std::min(cfg.capacity, max_read_batch); }
  /// A fresh id for a subscription or sync subscriber (never 0).
  std::uint64_t new_id() noexcept { return next_id_.fetch_add(1, std::memory_order_relaxed); }

  /// Connects the link to the bus actor. Never throws.
  void link(caf::actor bus);
  /// Cuts the link (the bus is shutting down). Never throws.
  void unlink() noexcept;
  /// Sends `xs...` to the bus actor unless the link is cut; returns whether
  /// it was sent. Never blocks.
  template <class... Ts>
  bool send_to_bus(Ts&&... xs) {
    std::lock_guard<std::mutex> guard{link_mutex_};
    if (!bus_) return false;
    caf::anon_send(bus_, std::forward<Ts>(xs)...);
    return true;
  }

 private:
  std::atomic<std::uint64_t> next_id_{1};
  std::mutex link_mutex_;
  caf::actor bus_;
};

}  // namespace astrid::bus::detail
