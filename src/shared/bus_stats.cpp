// bus_stats: sums over the per-key counters. A vocabulary type of the public
// API, implemented here, below every layer that fills or reads one.
#include <astrid/bus/bus_stats.hpp>

#include <numeric>

namespace astrid::bus {

namespace {
std::uint64_t sum(const std::map<std::string, std::uint64_t>& counters) {
  return std::accumulate(counters.begin(), counters.end(), std::uint64_t{0},
                         [](std::uint64_t acc, const auto& kv) { return acc + kv.second; });
}
std::uint64_t sum(const std::map<std::string, std::map<std::string, std::uint64_t>>& counters) {
  return std::accumulate(counters.begin(), counters.end(), std::uint64_t{0},
                         [](std::uint64_t acc, const auto& kv) { return acc + sum(kv.second); });
}
}  // namespace

std::uint64_t bus_stats::published_total() const noexcept { return sum(published); }
std::uint64_t bus_stats::lagged_total() const noexcept { return sum(lagged); }
std::uint64_t bus_stats::rejected_total() const noexcept { return sum(rejected); }
std::uint64_t bus_stats::routed_evicted_total() const noexcept { return sum(routed_evicted); }
std::uint64_t bus_stats::routed_rejected_total() const noexcept { return sum(routed_rejected); }

}  // namespace astrid::bus
