// astrid-bus serve: runs a bus node other nodes connect to (tail, pub, or
// programs using event_bus::connect). Prints `listening ADDR:PORT` as its
// first stdout line so scripts can find a port chosen by the system (and,
// with --metrics, `metrics http://HOST:PORT/metrics` as the second), logs
// connects, disconnects and lag on stderr, and stops cleanly on SIGINT or
// SIGTERM (receivers on other nodes then see the end of their stream).
// Without TLS it listens on loopback only, unless --insecure-plaintext.
#include "cli/commands.hpp"
#include "cli/node_setup.hpp"

#include <astrid/bus/prometheus.hpp>

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>

namespace astrid::cli {

namespace {

struct serve_options {
  node_options node;
  std::optional<std::uint16_t> port;
  std::optional<std::string> bind;
  std::optional<std::string> metrics;
  bool insecure_plaintext = false;
};

int run_serve(const serve_options& opts) {
  if (opts.metrics) check_metrics_address(*opts.metrics);
  block_stop_signals();  // before any CAF thread exists, so they inherit it
  auto n = make_node(opts.node);
  if (opts.insecure_plaintext) n->bus_cfg.insecure_plaintext = true;
  const auto bind = opts.bind.value_or(n->bus_cfg.bind);
  if (!bind.empty()) check_resolves(bind, opts.bind ? "--bind" : "bind");
  int sig = 0;
  {
    bus::event_bus bus{*n->sys, n->bus_cfg};
    std::optional<bus::metrics_endpoint> metrics;  // before the node listens: a failure stops all
    if (const auto where = opts.metrics.value_or(n->bus_cfg.metrics); !where.empty())
      metrics.emplace(bus, where, bus::metrics_options{n->bus_cfg.metrics_label_limit});
    const auto port = bus.serve(opts.port.value_or(n->bus_cfg.port), bind);
    // Both lines once both listen: a failure leaves stdout empty.
    std::printf("listening %s:%u\n", bind.c_str(), static_cast<unsigned>(port));
    if (metrics)
      std::printf("metrics http://%s:%u/metrics\n", metrics->host().c_str(),
                  static_cast<unsigned>(metrics->port()));
    std::fflush(stdout);
    sig = wait_for_stop_signal();
    std::cerr << "astrid-bus serve: " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
              << ", shutting down\n";
  }
  n.reset();
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<serve_options>();
  auto* cmd = app.add_subcommand("serve", "run a bus node other nodes connect to");
  cmd->add_option("--port", opts->port, "port to listen on (0 = any free port; default from config)");
  cmd->add_option("--bind", opts->bind, "address to bind (default from config: 127.0.0.1)");
  cmd->add_option("--metrics", opts->metrics,
                  "serve metrics for Prometheus on HOST:PORT (a bare PORT: 127.0.0.1; 0 = any "
                  "free port), at /metrics");
  cmd->add_flag("--insecure-plaintext", opts->insecure_plaintext,
                "allow a --bind beyond loopback without TLS: any host that reaches the port can "
                "read and publish every event");
  add_node_options(cmd, opts->node);
  cmd->callback([&exit_code, opts] { exit_code = run_command("serve", [&] { return run_serve(*opts); }); });
}

}  // namespace astrid::cli
