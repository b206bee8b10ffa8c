// The HTTP endpoint of a bus's metrics (see astrid/bus/prometheus.hpp):
// prometheus-cpp's exposer, serving the bus's collectable at /metrics.
#include <astrid/bus/prometheus.hpp>

#include <prometheus/exposer.h>

#include <exception>
#include <stdexcept>
#include <string>

namespace astrid::bus {

namespace {

// "HOST:PORT" or "PORT" (on 127.0.0.1) as (host, port).
std::pair<std::string, std::uint16_t> split_address(const std::string& address) {
  const auto colon = address.rfind(':');
  const auto host = colon == std::string::npos ? std::string{"127.0.0.1"} : address.substr(0, colon);
  const auto digits = colon == std::string::npos ? address : address.substr(colon + 1);
  if (host.empty() || digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
      digits.size() > 5 || std::stoul(digits) > 65535)
    throw std::invalid_argument{"astrid::bus: metrics address: expected HOST:PORT or PORT, got '" +
                                address + "'"};
  return {host, static_cast<std::uint16_t>(std::stoul(digits))};
}

}  // namespace

metrics_endpoint::metrics_endpoint(event_bus bus, const std::string& address,
                                   metrics_options opts)
    : collector_{make_collector(std::move(bus), opts)} {
  auto [host, port] = split_address(address);
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(host + ":" + std::to_string(port), 2);
  } catch (const std::exception& e) {
    throw std::runtime_error{"astrid::bus: cannot serve metrics on " + address + ": " + e.what()};
  }
  exposer_->RegisterCollectable(collector_);
  const auto ports = exposer_->GetListeningPorts();
  host_ = host;
  port_ = ports.empty() ? port : static_cast<std::uint16_t>(ports.front());
}

metrics_endpoint::~metrics_endpoint() = default;

}  // namespace astrid::bus
