// What serve, tail and pub share: the options that make this process a bus
// node (config file, TLS files), the actor system prepared with configure()
// and middleman heartbeats, and HOST:PORT parsing.
#pragma once

#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace CLI {
class App;
}

namespace astrid::cli {

/// Command-line options of a node.
struct node_options {
  std::string config_file;  ///< empty: the default config/astrid-bus.conf when present
  std::string tls_cert;     ///< all three TLS files, or none
  std::string tls_key;
  std::string tls_ca;
};

/// Adds --config, --tls-cert, --tls-key, --tls-ca to `cmd`.
void add_node_options(CLI::App* cmd, node_options& opts);

/// An actor system prepared with bus::configure (TLS when given) and the
/// heartbeat settings of the configuration. Destroy buses first.
struct node {
  bus::bus_config bus_cfg;
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
};

/// Builds a node from `opts`. Throws bus::config_error for a bad config
/// file, std::invalid_argument for an incomplete TLS option set or a TLS
/// file that is missing, unreadable or does not parse (bus::configure).
std::unique_ptr<node> make_node(const node_options& opts);

/// Splits "HOST:PORT". Throws std::invalid_argument on anything else.
std::pair<std::string, std::uint16_t> parse_host_port(const std::string& text);

/// Refuses a subscription pattern the bus would never match or that is
/// malformed (bus::validate_pattern). Throws std::invalid_argument
/// "pattern 'P': REASON", naming the depth limit for a too deep one.
void check_pattern(const std::string& pattern);

/// Refuses a topic to publish on that is malformed or too deep to match
/// (bus::validate_topic). Throws std::invalid_argument "--topic 'T': REASON".
void check_topic(const std::string& topic);

/// Refuses a metrics address that bus::validate_metrics_address refuses.
/// Throws std::invalid_argument "--metrics: REASON".
void check_metrics_address(const std::string& address);

/// Resolves `host` (getaddrinfo) as `flag` gave it, before anything listens
/// or connects. Throws std::runtime_error "FLAG HOST: the name 'HOST' does
/// not resolve (REASON)" when it does not: a resolver's answer, not a
/// malformed input.
void check_resolves(const std::string& host, const std::string& flag);

/// Blocks SIGINT and SIGTERM in this thread (and threads started later), so
/// `wait_for_stop_signal` can take them. Call before creating the node.
void block_stop_signals();
/// Waits for SIGINT or SIGTERM; returns its number.
int wait_for_stop_signal();

}  // namespace astrid::cli
