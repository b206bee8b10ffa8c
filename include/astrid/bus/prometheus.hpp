// A bus's counters for Prometheus, through prometheus-cpp: a collectable an
// embedding runtime registers beside its own metrics, and an HTTP endpoint
// for a process that has none (astrid-bus serve --metrics). Link
// astrid::prometheus for these; astrid::bus alone does not need
// prometheus-cpp.
//
// Exported (each scrape reads one event_bus::stats() snapshot):
//   astrid_bus_events_published_total{kind,event_kind} counter
//   astrid_bus_deliveries_total                        counter
//   astrid_bus_events_lagged_total{subscriber}         counter
//   astrid_bus_events_acknowledged_total{subscriber}   counter
//   astrid_bus_subscriber_crashes_total                counter
//   astrid_bus_subscriber_restarts_total               counter
//   astrid_bus_ipc_rejected_total{reason}              counter
//   astrid_bus_routed_evicted_total{capsule,principal_class}   counter
//   astrid_bus_routed_rejected_total{capsule,principal_class}  counter
//   astrid_bus_messages_refused_total                  counter
//   astrid_bus_subscribers{kind}                       gauge
//   astrid_bus_nodes_connected                         gauge
//   astrid_bus_routed_queued_bytes                     gauge
// and, under the names and labels of the reference (astrid-events), what
// it measures too:
//   astrid_bus_events_published_total{event_kind}      (the label above)
//   astrid_bus_receiver_lagged_total{subscriber}       = events_lagged
//   astrid_capsule_route_byte_evictions_total{capsule,principal_class}
//                                                      = routed_evicted + routed_rejected
// The reference's astrid_capsule_route_quantum_starved_total is not
// exported: nothing here counts it.
// `subscriber` and `capsule` come from users; see metrics_options.
#pragma once

#include <astrid/bus/event_bus.hpp>

#include <prometheus/collectable.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace prometheus {
class Exposer;
}

namespace astrid::bus {

/// How a bus's metrics are exported.
struct metrics_options {
  /// Distinct values a label that comes from users (`subscriber`,
  /// `capsule`) takes, per metric; the first this many seen keep their own
  /// series, every later one is counted under "other", so 10,000 receivers
  /// labelled apart make at most this many series plus one.
  std::size_t label_limit = 100;
};

/// A prometheus-cpp collectable exporting `bus`'s counters (see the list
/// above); register it with a prometheus::Exposer. It keeps a copy of the
/// bus handle. Collect() may run on several threads at once. A scrape while
/// the bus actor is gone (system stopped) exports nothing. Throws
/// std::bad_alloc only.
std::shared_ptr<prometheus::Collectable> make_collector(event_bus bus, metrics_options opts = {});

/// An HTTP endpoint serving `bus`'s metrics in the Prometheus text format
/// at /metrics, until destroyed.
class metrics_endpoint {
 public:
  /// Listens on `address`: "HOST:PORT", or a bare "PORT" for 127.0.0.1
  /// (port 0 = any free one). Throws std::invalid_argument for an address
  /// of another form, std::runtime_error naming the cause ("address already
  /// in use") when it cannot listen there.
  metrics_endpoint(event_bus bus, const std::string& address, metrics_options opts = {});
  ~metrics_endpoint();
  metrics_endpoint(const metrics_endpoint&) = delete;
  metrics_endpoint& operator=(const metrics_endpoint&) = delete;

  /// The host it listens on. Never throws.
  const std::string& host() const noexcept { return host_; }
  /// The port it listens on. Never throws.
  std::uint16_t port() const noexcept { return port_; }

 private:
  std::shared_ptr<prometheus::Collectable> collector_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string host_;
  std::uint16_t port_ = 0;
};

}  // namespace astrid::bus
