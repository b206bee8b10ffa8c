// astrid-bus tail: subscribes to a bus node and prints its events, one NDJSON
// line each (or a readable one-liner with --format pretty, coloured on a
// terminal, naming an IPC message's principal and provenance when it has
// them). Filtering happens on the node, so only matching events travel.
// Lag goes to stderr; when the node goes away tail says so and exits 1.
#include "cli/commands.hpp"
#include "cli/node_setup.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <string>

#include <unistd.h>

namespace astrid::cli {

namespace {

struct tail_options {
  node_options node;
  std::string connect = "127.0.0.1:7420";
  std::string pattern;  // empty: every event
  std::uint64_t count = 0;  // 0: until stopped
  std::string format = "json";
};

// " principal=P device_key_id=K origin=O", each only when the message has it
// (an origin of system is the default, and not shown).
std::string provenance_text(const astrid::ipc_message& msg) {
  std::string out;
  if (msg.principal) out += " principal=" + *msg.principal;
  if (msg.device_key_id) out += " device_key_id=" + *msg.device_key_id;
  if (msg.origin != astrid::ipc_origin::system)
    out += " origin=" + std::string{astrid::to_string(msg.origin)};
  return out;
}

std::string pretty_line(const astrid::event& ev, bool colour) {
  std::string line = to_string(ev.metadata.timestamp) + " ";
  line += colour ? "\033[1;36m" + std::string{event_type(ev)} + "\033[0m" : std::string{event_type(ev)};
  if (const auto* ipc = as_ipc(ev)) {
    line += " " + (colour ? "\033[1;33m" + ipc->topic + "\033[0m" : ipc->topic);
    line += " seq=" + std::to_string(ipc->seq) + provenance_text(*ipc);
    line += " " + encode(ipc->payload).dump();
  } else {
    auto j = encode(ev);
    j.erase("metadata");
    j.erase("type");
    line += " " + j.dump();
  }
  return line;
}

void print_event(const astrid::event& ev, const tail_options& opts, bool colour) {
  if (opts.format == "none") return;  // counting only (bench receivers)
  const auto line = opts.format == "pretty" ? pretty_line(ev, colour) : encode(ev).dump();
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
}

int run_tail(const tail_options& opts) {
  auto [host, port] = parse_host_port(opts.connect);
  if (!opts.pattern.empty()) check_pattern(opts.pattern);
  auto n = make_node(opts.node);
  check_resolves(host, "--connect");
  const bool colour = ::isatty(STDOUT_FILENO) != 0;
  int rc = 0;
  {
    auto bus = bus::event_bus::connect(*n->sys, host, port, n->bus_cfg);
    auto rx = opts.pattern.empty() ? bus.subscribe("tail") : bus.subscribe_topic(opts.pattern, "tail");
    std::cerr << "astrid-bus tail: subscribed to " << opts.connect << " pattern="
              << (opts.pattern.empty() ? "*all*" : opts.pattern) << std::endl;
    std::uint64_t seen = 0;
    while (opts.count == 0 || seen < opts.count) {
      auto ev = rx.recv(std::chrono::milliseconds{500});
      if (auto lost = rx.drain_lagged(); lost > 0)
        std::cerr << ("astrid-bus tail: lagged " + std::to_string(lost) + " events\n");  // one write
      if (ev) {
        print_event(**ev, opts, colour);
        ++seen;
        continue;
      }
      std::fflush(stdout);
      if (rx.closed()) {
        std::cerr << "astrid-bus tail: the bus node " << opts.connect << " is gone\n";
        rc = 1;
        break;
      }
    }
    std::fflush(stdout);
  }
  return rc;
}

}  // namespace

void add_tail_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<tail_options>();
  auto* cmd = app.add_subcommand("tail", "subscribe to a bus node and print its events");
  cmd->add_option("--connect", opts->connect, "HOST:PORT of the bus node")->capture_default_str();
  cmd->add_option("pattern", opts->pattern, "topic pattern (IPC events only); none = every event");
  cmd->add_option("--count", opts->count, "exit after N events");
  cmd->add_option("--format", opts->format, "json | pretty | none (count only)")
      ->check(CLI::IsMember({"json", "pretty", "none"}))
      ->capture_default_str();
  add_node_options(cmd, opts->node);
  cmd->callback([&exit_code, opts] { exit_code = run_command("tail", [&] { return run_tail(*opts); }); });
}

}  // namespace astrid::cli
