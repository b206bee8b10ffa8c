// The HTTP endpoint of a bus's metrics (see astrid/bus/prometheus.hpp):
// prometheus-cpp's exposer, serving the bus's collectable at /metrics. When
// it cannot listen, the system is asked why (civetweb does not say).
#include <astrid/bus/prometheus.hpp>

#include <prometheus/exposer.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

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

// Why nothing can listen on host:port, when civetweb does not say ("null
// context when constructing CivetServer"): the reason of the failing bind
// in lower case, or "" when a socket can listen there now.
std::string listen_failure(const std::string& host, std::uint16_t port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found))
    return "the name '" + host + "' does not resolve (" + ::gai_strerror(rc) + ")";
  std::string failure;
  for (const auto* ai = found; ai != nullptr; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    const int on = 1;
    if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    const bool ok = fd >= 0 && ::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, 1) == 0;
    failure = ok ? "" : std::strerror(errno);
    if (fd >= 0) ::close(fd);
    if (ok) break;
  }
  ::freeaddrinfo(found);
  if (!failure.empty()) failure[0] = static_cast<char>(std::tolower(failure[0]));
  return failure;
}

}  // namespace

metrics_endpoint::metrics_endpoint(event_bus bus, const std::string& address,
                                   metrics_options opts)
    : collector_{make_collector(std::move(bus), opts)} {
  auto [host, port] = split_address(address);
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(host + ":" + std::to_string(port), 2);
  } catch (const std::exception& e) {
    auto cause = listen_failure(host, port);
    throw std::runtime_error{"astrid::bus: cannot serve metrics on " + address + ": " +
                             (cause.empty() ? std::string{e.what()} : cause)};
  }
  exposer_->RegisterCollectable(collector_);
  const auto ports = exposer_->GetListeningPorts();
  host_ = host;
  port_ = ports.empty() ? port : static_cast<std::uint16_t>(ports.front());
}

metrics_endpoint::~metrics_endpoint() = default;

}  // namespace astrid::bus
