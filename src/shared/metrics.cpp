// Counters shared by the bus's actors and receivers (see metrics.hpp).
#include "shared/metrics.hpp"

namespace astrid::bus::detail {

namespace {

void bump(std::map<std::string, std::uint64_t, std::less<>>& counters, std::string_view key,
          std::uint64_t n) {
  auto it = counters.find(key);
  if (it == counters.end()) it = counters.emplace(std::string{key}, 0).first;
  it->second += n;
}

}  // namespace

void bus_metrics::add_lagged(std::string_view label, std::uint64_t n) {
  std::lock_guard<std::mutex> guard{mutex_};
  bump(lagged_, label, n);
}

void bus_metrics::add_acknowledged(std::string_view label, std::uint64_t n) {
  std::lock_guard<std::mutex> guard{mutex_};
  bump(acknowledged_, label, n);
}

void bus_metrics::add_rejected(std::string_view reason) {
  std::lock_guard<std::mutex> guard{mutex_};
  bump(rejected_, reason, 1);
}

void bus_metrics::add_routed_evicted(std::string_view capsule, std::string_view principal_class,
                                     std::uint64_t n) {
  std::lock_guard<std::mutex> guard{mutex_};
  auto it = routed_evicted_.find(capsule);
  if (it == routed_evicted_.end()) it = routed_evicted_.try_emplace(std::string{capsule}).first;
  it->second[std::string{principal_class}] += n;
}

void bus_metrics::add_routed_rejected(std::string_view capsule, std::string_view principal_class,
                                      std::uint64_t n) {
  std::lock_guard<std::mutex> guard{mutex_};
  auto it = routed_rejected_.find(capsule);
  if (it == routed_rejected_.end()) it = routed_rejected_.try_emplace(std::string{capsule}).first;
  it->second[std::string{principal_class}] += n;
}

void bus_metrics::fill(bus_stats& out) const {
  out.delivered = delivered_.load(std::memory_order_relaxed);
  out.subscriber_crashes = crashes_.load(std::memory_order_relaxed);
  out.subscriber_restarts = restarts_.load(std::memory_order_relaxed);
  out.nodes = nodes_.load(std::memory_order_relaxed);
  out.refused_messages = refused_.load(std::memory_order_relaxed);
  std::lock_guard<std::mutex> guard{mutex_};
  out.lagged.insert(lagged_.begin(), lagged_.end());
  out.acknowledged.insert(acknowledged_.begin(), acknowledged_.end());
  out.rejected.insert(rejected_.begin(), rejected_.end());
  out.routed_evicted.insert(routed_evicted_.begin(), routed_evicted_.end());
  out.routed_rejected.insert(routed_rejected_.begin(), routed_rejected_.end());
}

}  // namespace astrid::bus::detail
