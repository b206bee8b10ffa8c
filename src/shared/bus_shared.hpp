// What the parts of one bus share across threads: its configuration, the
// broadcast hub, the subscriber census, the counters, the logger, and a link
// to the bus actor that is cut when the bus shuts down, so a receiver
// outliving its bus never touches CAF again.
#pragma once

#include "shared/broadcast_hub.hpp"
#include "shared/census.hpp"
#include "shared/metrics.hpp"
#include "shared/post_queue.hpp"

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

  const bus_config cfg;                 ///< as given at construction
  subscriber_census census;             ///< live subscriptions by kind
  broadcast_hub hub;                    ///< all-events receivers
  bus_metrics metrics;                  ///< counters behind stats()
  post_queue posts;                     ///< event_bus::post's events, for the bus actor
  std::shared_ptr<spdlog::logger> log;  ///< the "astrid.bus" logger

  /// Events a receiver reads under one lock.
  std::size_t read_batch() const noexcept { return std::min(cfg.capacity, max_read_batch); }
  /// A fresh id for a subscription or sync subscriber (never 0).
  std::uint64_t new_id() noexcept { return next_id_.fetch_add(1, std::memory_order_relaxed); }

  /// Adds what is counted here to `out` (a snapshot the bus actor and the
  /// router have filled): the metrics' counters and the census by kind.
  /// Throws std::bad_alloc only.
  void fill(bus_stats& out) const;

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
