// The Prometheus collectable of a bus (see astrid/bus/prometheus.hpp): one
// bus_stats snapshot per scrape, turned into metric families named by
// Prometheus's conventions (counters end in _total, sizes in _bytes), with
// the labels that come from users bounded by core::label_bound. What the
// reference (astrid-events) also measures is exported under its names and
// labels as well, so its dashboards and alerts read this bus unchanged.
#include <astrid/bus/prometheus.hpp>

#include "core/label_bound.hpp"

#include <prometheus/client_metric.h>
#include <prometheus/metric_family.h>
#include <prometheus/metric_type.h>

#include <cctype>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace astrid::bus {

namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;
using labels = std::vector<ClientMetric::Label>;

MetricFamily family(std::string name, std::string help, MetricType type) {
  MetricFamily f;
  f.name = std::move(name);
  f.help = std::move(help);
  f.type = type;
  return f;
}

void add(MetricFamily& f, double value, labels l = {}) {
  ClientMetric m;
  m.label = std::move(l);
  (f.type == MetricType::Counter ? m.counter.value : m.gauge.value) = value;
  f.metric.push_back(std::move(m));
}

// "Rate limit exceeded" -> "rate_limit_exceeded": label values read as names.
std::string snake(const std::string& text) {
  std::string out;
  for (char c : text)
    out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  return out;
}

// The bounded labels of one metric, sticky across scrapes.
class bounded_counter {
 public:
  explicit bounded_counter(std::size_t limit) : bound_{limit} {}

  // The series `value` is counted in: its own, or "other".
  std::string admit(const std::string& value) { return std::string{bound_.admit(value)}; }

  // `counts` by label value, values past the bound summed under "other".
  std::map<std::string, std::uint64_t> fold(const std::map<std::string, std::uint64_t>& counts) {
    std::map<std::string, std::uint64_t> out;
    for (const auto& [value, n] : counts) out[admit(value)] += n;
    return out;
  }

 private:
  core::label_bound bound_;
};

class bus_collector final : public prometheus::Collectable {
 public:
  bus_collector(event_bus bus, metrics_options opts)
      : bus_{std::move(bus)},
        lagged_{opts.label_limit},
        acknowledged_{opts.label_limit},
        evicted_{opts.label_limit},
        rejected_{opts.label_limit},
        byte_evictions_{opts.label_limit} {}

  std::vector<MetricFamily> Collect() const override {
    bus_stats s;
    try {
      s = bus_.stats();
    } catch (const std::exception&) {
      return {};  // the bus is gone: nothing to report
    }
    std::lock_guard<std::mutex> guard{mutex_};  // the label bounds
    std::vector<MetricFamily> out;
    const auto lagged = lagged_.fold(s.lagged);  // one choice of series for both names
    counters(s, lagged, out);
    routed(s, out);
    reference(s, lagged, out);
    gauges(s, out);
    return out;
  }

 private:
  void counters(const bus_stats& s, const std::map<std::string, std::uint64_t>& lagged,
                std::vector<MetricFamily>& out) const {
    // One family under two label names: ours (kind) and the reference's
    // (event_kind); a page may not hold the same name twice.
    auto published = family("astrid_bus_events_published_total",
                            "Events accepted by the bus, by event type (kind and event_kind "
                            "carry the same value).",
                            MetricType::Counter);
    for (const auto& [kind, n] : s.published)
      add(published, double(n), {{"kind", kind}, {"event_kind", kind}});
    out.push_back(std::move(published));
    auto delivered = family("astrid_bus_deliveries_total",
                            "Hand-overs of an event to a receiver or subscriber.", MetricType::Counter);
    add(delivered, double(s.delivered));
    out.push_back(std::move(delivered));
    auto lost = family("astrid_bus_events_lagged_total",
                       "Events receivers lost to overflow, by receiver label.",
                       MetricType::Counter);
    for (const auto& [who, n] : lagged) add(lost, double(n), {{"subscriber", who}});
    out.push_back(std::move(lost));
    auto acked = family("astrid_bus_events_acknowledged_total",
                        "Events actor subscribers confirmed, by label.", MetricType::Counter);
    for (const auto& [who, n] : acknowledged_.fold(s.acknowledged))
      add(acked, double(n), {{"subscriber", who}});
    out.push_back(std::move(acked));
    auto crashes = family("astrid_bus_subscriber_crashes_total",
                          "Sync-subscriber handlers that threw.", MetricType::Counter);
    add(crashes, double(s.subscriber_crashes));
    out.push_back(std::move(crashes));
    auto restarts = family("astrid_bus_subscriber_restarts_total",
                           "Sync subscribers restarted after a crash.", MetricType::Counter);
    add(restarts, double(s.subscriber_restarts));
    out.push_back(std::move(restarts));
    auto rejected = family("astrid_bus_ipc_rejected_total",
                           "Guest IPC publishes refused, by reason.", MetricType::Counter);
    for (const auto& [why, n] : s.rejected) add(rejected, double(n), {{"reason", snake(why)}});
    out.push_back(std::move(rejected));
    auto refused = family("astrid_bus_messages_refused_total",
                          "Connections closed for announcing a message above max_message_bytes.",
                          MetricType::Counter);
    add(refused, double(s.refused_messages));
    out.push_back(std::move(refused));
  }

  // Capsule labels bounded, principal classes (system, agent, user) as they are.
  static void add_routed(MetricFamily& f, bounded_counter& bound,
                         const std::map<std::string, std::map<std::string, std::uint64_t>>& by) {
    std::map<std::string, std::map<std::string, std::uint64_t>> folded;
    for (const auto& [capsule, classes] : by) {
      auto& into = folded[bound.admit(capsule)];
      for (const auto& [cls, n] : classes) into[cls] += n;
    }
    for (const auto& [capsule, classes] : folded)
      for (const auto& [cls, n] : classes)
        add(f, double(n), {{"capsule", capsule}, {"principal_class", cls}});
  }

  void routed(const bus_stats& s, std::vector<MetricFamily>& out) const {
    auto evicted = family("astrid_bus_routed_evicted_total",
                          "Routed-subscription events evicted to make room, by capsule label and "
                          "publisher's principal class.",
                          MetricType::Counter);
    add_routed(evicted, evicted_, s.routed_evicted);
    out.push_back(std::move(evicted));
    auto rejected = family("astrid_bus_routed_rejected_total",
                           "Routed-subscription events larger than a route's budget, by capsule "
                           "label and publisher's principal class.",
                           MetricType::Counter);
    add_routed(rejected, rejected_, s.routed_rejected);
    out.push_back(std::move(rejected));
  }

  // The reference's names for counts we export above under ours. Its
  // astrid_capsule_route_quantum_starved_total has no equivalent here: our
  // drain counts no rounds in which a head outgrew its deficit.
  void reference(const bus_stats& s, const std::map<std::string, std::uint64_t>& lagged,
                 std::vector<MetricFamily>& out) const {
    auto lost = family("astrid_bus_receiver_lagged_total",
                       "Events receivers lost to overflow, by receiver label "
                       "(astrid_bus_events_lagged_total under the reference's name).",
                       MetricType::Counter);
    for (const auto& [who, n] : lagged) add(lost, double(n), {{"subscriber", who}});
    out.push_back(std::move(lost));
    // The reference counts under this name every routed event its byte
    // budget dropped: evicted to make room (budget or per-principal cap) and
    // refused as larger than the whole budget.
    auto dropped = s.routed_evicted;
    for (const auto& [capsule, classes] : s.routed_rejected)
      for (const auto& [cls, n] : classes) dropped[capsule][cls] += n;
    auto evictions = family("astrid_capsule_route_byte_evictions_total",
                            "Routed-subscription events dropped by a route's byte budget "
                            "(astrid_bus_routed_evicted_total plus astrid_bus_routed_rejected_"
                            "total), by capsule label and publisher's principal class.",
                            MetricType::Counter);
    add_routed(evictions, byte_evictions_, dropped);
    out.push_back(std::move(evictions));
  }

  void gauges(const bus_stats& s, std::vector<MetricFamily>& out) const {
    auto subscribers = family("astrid_bus_subscribers", "Live subscriptions, by kind.",
                              MetricType::Gauge);
    for (const auto& [kind, n] : s.subscribers) add(subscribers, double(n), {{"kind", kind}});
    out.push_back(std::move(subscribers));
    auto nodes = family("astrid_bus_nodes_connected", "Other nodes connected to this bus.",
                        MetricType::Gauge);
    add(nodes, double(s.nodes));
    out.push_back(std::move(nodes));
    auto held = family("astrid_bus_routed_queued_bytes", "Bytes queued in routed subscriptions.",
                       MetricType::Gauge);
    add(held, double(s.routed_bytes));
    out.push_back(std::move(held));
  }

  event_bus bus_;
  mutable std::mutex mutex_;
  mutable bounded_counter lagged_, acknowledged_, evicted_, rejected_, byte_evictions_;
};

}  // namespace

std::shared_ptr<prometheus::Collectable> make_collector(event_bus bus, metrics_options opts) {
  return std::make_shared<bus_collector>(std::move(bus), opts);
}

}  // namespace astrid::bus
