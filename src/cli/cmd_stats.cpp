// astrid-bus stats --connect H:P [--json]: one snapshot of a serving node's
// counters (event_bus::stats on a connected bus), as one JSON object or as
// a table for people.
#include "cli/commands.hpp"
#include "cli/node_setup.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>

namespace astrid::cli {

namespace {

struct stats_options {
  node_options node;
  std::string connect = "127.0.0.1:7420";
  bool json = false;
};

nlohmann::json to_json(const bus::bus_stats& s) {
  return {{"published", s.published},
          {"published_total", s.published_total()},
          {"delivered", s.delivered},
          {"lagged", s.lagged},
          {"acknowledged", s.acknowledged},
          {"subscriber_crashes", s.subscriber_crashes},
          {"subscriber_restarts", s.subscriber_restarts},
          {"rejected", s.rejected},
          {"routed_evicted", s.routed_evicted},
          {"routed_rejected", s.routed_rejected},
          {"subscribers", s.subscribers},
          {"routed_bytes", s.routed_bytes},
          {"nodes", s.nodes},
          {"refused_messages", s.refused_messages}};
}

void row(const std::string& what, std::uint64_t n) {
  std::printf("%-44s %12llu\n", what.c_str(), static_cast<unsigned long long>(n));
}

void rows(const std::string& what, const std::map<std::string, std::uint64_t>& by) {
  for (const auto& [key, n] : by) row(what + " " + key, n);
}

void print_table(const bus::bus_stats& s) {
  row("published", s.published_total());
  rows("  published", s.published);
  row("delivered", s.delivered);
  rows("lagged", s.lagged);
  rows("acknowledged", s.acknowledged);
  row("subscriber crashes", s.subscriber_crashes);
  row("subscriber restarts", s.subscriber_restarts);
  rows("rejected", s.rejected);
  for (const auto& [capsule, by] : s.routed_evicted) rows("routed evicted " + capsule, by);
  for (const auto& [capsule, by] : s.routed_rejected) rows("routed rejected " + capsule, by);
  rows("subscribers", s.subscribers);
  row("routed bytes queued", s.routed_bytes);
  row("nodes connected", s.nodes);
  row("messages refused (too large)", s.refused_messages);
}

int run_stats(const stats_options& opts) {
  auto [host, port] = parse_host_port(opts.connect);
  auto n = make_node(opts.node);
  check_resolves(host, "--connect");
  bus::bus_stats s;
  {
    auto bus = bus::event_bus::connect(*n->sys, host, port, n->bus_cfg);
    s = bus.stats();
  }
  if (opts.json)
    std::cout << to_json(s).dump() << '\n';
  else
    print_table(s);
  std::fflush(stdout);
  return 0;
}

}  // namespace

void add_stats_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<stats_options>();
  auto* cmd = app.add_subcommand("stats", "print one snapshot of a bus node's counters");
  cmd->add_option("--connect", opts->connect, "HOST:PORT of the bus node")->capture_default_str();
  cmd->add_flag("--json", opts->json, "one JSON object instead of a table");
  add_node_options(cmd, opts->node);
  cmd->callback([&exit_code, opts] { exit_code = run_command("stats", [&] { return run_stats(*opts); }); });
}

}  // namespace astrid::cli
