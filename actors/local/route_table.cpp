// The routed subscriptions of the topic router (see route_table.hpp).
#include "actors/local/route_table.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace astrid::bus::detail {

namespace {

constexpr std::size_t kind_count = 3;    // core::principal_kind values
constexpr std::size_t reason_count = 2;  // core::eviction_reason values
static_assert(static_cast<std::size_t>(core::principal_kind::user) + 1 == kind_count);
static_assert(static_cast<std::size_t>(core::eviction_reason::principal_cap) + 1 == reason_count);

std::string_view reason_name(core::eviction_reason why) noexcept {
  return why == core::eviction_reason::route_budget ? "route_budget" : "principal_cap";
}

core::principal_kind kind_of(const std::optional<std::string>& principal) noexcept {
  if (!principal) return core::principal_class(std::nullopt);
  return core::principal_class(std::string_view{*principal});
}

// One counter and one log line per (principal class, reason) of a push's
// evictions: a flood costs a line per push, not per dropped event.
void report_evictions(bus_shared& shared, const route_owner& owner, const core::push_result& r) {
  struct tally {
    std::uint64_t events = 0;
    std::size_t bytes = 0;
  };
  std::array<std::array<tally, reason_count>, kind_count> by{};
  for (const auto& e : r.evictions) {
    const auto kind = static_cast<std::size_t>(kind_of(e.principal));
    auto& t = by[kind][static_cast<std::size_t>(e.reason)];
    ++t.events;
    t.bytes += e.bytes;
  }
  for (std::size_t k = 0; k < kind_count; ++k) {
    const auto kind = core::to_string(static_cast<core::principal_kind>(k));
    for (std::size_t why = 0; why < reason_count; ++why) {
      const auto& t = by[k][why];
      if (t.events == 0) continue;
      shared.metrics.add_routed_evicted(owner.capsule_label, kind, t.events);
      shared.log->warn(
          "security: routed subscription evicted capsule={} subscriber={} principal_class={} "
          "evicted={} bytes={} reason={}",
          owner.capsule_label, owner.label, kind, t.events, t.bytes,
          reason_name(static_cast<core::eviction_reason>(why)));
    }
  }
}

void report_rejection(bus_shared& shared, const route_owner& owner,
                      const std::optional<std::string>& principal, std::size_t bytes) {
  const auto kind = core::to_string(kind_of(principal));
  shared.metrics.add_routed_rejected(owner.capsule_label, kind, 1);
  shared.log->warn(
      "security: routed subscription rejected capsule={} subscriber={} principal_class={} "
      "rejected=1 bytes={} reason=larger_than_route_budget",
      owner.capsule_label, owner.label, kind, bytes);
}

}  // namespace

void route_table::add(std::uint64_t id, std::string pattern, std::shared_ptr<route> queue,
                      route_owner owner) {
  entries_.insert_or_assign(id, entry{std::move(pattern), std::move(queue), std::move(owner)});
}

std::optional<std::string> route_table::remove(std::uint64_t id) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  auto pattern = std::move(it->second.pattern);
  entries_.erase(it);
  return pattern;
}

route_delivery route_table::deliver(bus_shared& shared, std::uint64_t id, const event_ptr& ev,
                                    const astrid::ipc_message& msg,
                                    std::optional<std::size_t>& size) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return route_delivery::not_a_route;
  auto& e = it->second;
  // Foreign events stop here: not queued, not counted, never a wake-up.
  if (!e.queue->admits(msg.principal)) return route_delivery::skipped;
  if (!size) size = astrid::ipc_size(msg);
  auto report = e.queue->push(ev, msg.principal, *size);
  if (report.closed) return route_delivery::skipped;  // its reader let go: detach on its way
  if (report.wake_owed) e.queue->wake();
  if (!report.pushed.accepted()) {
    report_rejection(shared, e.owner, msg.principal, *size);
    return route_delivery::skipped;
  }
  if (!report.pushed.evictions.empty()) report_evictions(shared, e.owner, report.pushed);
  return route_delivery::handed;
}

std::size_t route_table::bytes() const noexcept {
  std::size_t n = 0;
  for (const auto& [id, e] : entries_) n += e.queue->bytes();
  return n;
}

void route_table::close_all() noexcept {
  for (auto& [id, e] : entries_) e.queue->close();
  entries_.clear();
}

}  // namespace astrid::bus::detail
