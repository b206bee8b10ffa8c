// The node setup shared by serve, tail and pub (see node_setup.hpp).
#include "cli/node_setup.hpp"

#include <astrid/bus/topic.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <netdb.h>
#include <sys/socket.h>

namespace astrid::cli {

void add_node_options(CLI::App* cmd, node_options& opts) {
  cmd->add_option("--config", opts.config_file, "bus configuration file (key = value)");
  cmd->add_option("--tls-cert", opts.tls_cert, "this node's certificate (PEM)");
  cmd->add_option("--tls-key", opts.tls_key, "this node's private key (PEM)");
  cmd->add_option("--tls-ca", opts.tls_ca, "CA certificate every node is signed by (PEM)");
}

namespace {

bus::bus_config load_config(const node_options& opts) {
  if (!opts.config_file.empty()) return bus::bus_config::from_file(opts.config_file);
#ifdef ASTRID_DEFAULT_CONFIG
  if (std::filesystem::exists(ASTRID_DEFAULT_CONFIG))
    return bus::bus_config::from_file(ASTRID_DEFAULT_CONFIG);
#endif
  return bus::bus_config{};
}

std::optional<bus::tls_config> tls_of(const node_options& opts, const bus::bus_config& cfg) {
  bus::tls_config tls{opts.tls_cert.empty() ? cfg.tls_certificate : opts.tls_cert,
                      opts.tls_key.empty() ? cfg.tls_key : opts.tls_key,
                      opts.tls_ca.empty() ? cfg.tls_ca_file : opts.tls_ca};
  const int given = !tls.certificate.empty() + !tls.key.empty() + !tls.ca_file.empty();
  if (given == 0) return std::nullopt;
  if (given != 3)
    throw std::invalid_argument{"TLS needs all of --tls-cert, --tls-key and --tls-ca"};
  return tls;
}

}  // namespace

std::unique_ptr<node> make_node(const node_options& opts) {
  auto n = std::make_unique<node>();
  n->bus_cfg = load_config(opts);
  bus::configure(n->cfg, tls_of(opts, n->bus_cfg));
  n->bus_cfg.apply(n->cfg);
  n->sys = std::make_unique<caf::actor_system>(n->cfg);
  return n;
}

std::pair<std::string, std::uint16_t> parse_host_port(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    throw std::invalid_argument{"expected HOST:PORT, got '" + text + "'"};
  std::size_t used = 0;
  unsigned long port = 0;
  try {
    port = std::stoul(text.substr(colon + 1), &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() - colon - 1 || port == 0 || port > 65535)
    throw std::invalid_argument{"bad port in '" + text + "'"};
  return {text.substr(0, colon), static_cast<std::uint16_t>(port)};
}

void check_pattern(const std::string& pattern) {
  if (auto problem = bus::validate_pattern(pattern))
    throw std::invalid_argument{"pattern '" + pattern + "': " + *problem};
}

void check_topic(const std::string& topic) {
  if (auto problem = bus::validate_topic(topic))
    throw std::invalid_argument{"--topic '" + topic + "': " + *problem};
}

void check_metrics_address(const std::string& address) {
  if (auto problem = bus::validate_metrics_address(address))
    throw std::invalid_argument{"--metrics: " + *problem};
}

void check_resolves(const std::string& host, const std::string& flag) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (rc == 0) {
    ::freeaddrinfo(found);
    return;
  }
  throw std::runtime_error{flag + " " + host + ": the name '" + host + "' does not resolve (" +
                           (rc == EAI_SYSTEM ? std::strerror(errno) : ::gai_strerror(rc)) + ")"};
}

void block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int wait_for_stop_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

}  // namespace astrid::cli
