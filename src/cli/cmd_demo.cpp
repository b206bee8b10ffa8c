// astrid-bus demo: the bus doing its main job on an embedded in-process bus.
// A simulated kernel, two capsules talking IPC over topic patterns, an LLM
// stream, a sync subscriber that throws on every tenth event, a dashboard
// too slow to keep up and a guest flooding the rate limiter - then a table of
// what each participant saw, lost and had refused.
#include "cli/commands.hpp"
#include "cli/demo_parts.hpp"

#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <CLI/CLI.hpp>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace astrid::cli {

namespace {

using namespace std::chrono_literals;

// Receives every event as it comes until the kernel says goodbye.
struct monitor {
  std::uint64_t received = 0;
  std::uint64_t lost = 0;
  void run(bus::event_receiver rx) {
    while (auto ev = rx.recv(10s)) {
      ++received;
      if (std::holds_alternative<events::kernel_shutdown>((*ev)->data)) break;
    }
    lost = rx.drain_lagged();
  }
};

// The bus's log lines, short, on stderr (diagnostics never go to stdout).
void install_demo_logger() {
  if (spdlog::get("astrid.bus")) return;
  auto log = spdlog::stderr_color_mt("astrid.bus");
  log->set_pattern("  %^[bus %l]%$ %v");
}

void print_table(const std::vector<demo_row>& rows) {
  std::size_t width = 11;
  for (const auto& r : rows) width = std::max(width, r.participant.size());
  std::printf("\n%-*s | %8s | %6s | %7s | %s\n", static_cast<int>(width), "participant", "received",
              "lost", "refused", "notes");
  std::printf("%s-+-%s-+-%s-+-%s-+-%s\n", std::string(width, '-').c_str(), std::string(8, '-').c_str(),
              std::string(6, '-').c_str(), std::string(7, '-').c_str(), std::string(30, '-').c_str());
  for (const auto& r : rows)
    std::printf("%-*s | %8s | %6s | %7s | %s\n", static_cast<int>(width), r.participant.c_str(),
                r.received.c_str(), r.lost.c_str(), r.refused.c_str(), r.note.c_str());
}

// Runs every scene on `bus`; returns the table rows, or throws.
std::vector<demo_row> run_scenes(bus::event_bus& bus, bool& all_ok) {
  std::vector<demo_row> rows;
  auto audit = std::make_shared<audit_subscriber>();
  bus.add_subscriber(audit);
  monitor mon;
  std::thread mon_thread{[&mon, rx = bus.subscribe("monitor")]() mutable { mon.run(std::move(rx)); }};
  auto slow = bus.subscribe("slow-dashboard");  // read only at the very end

  std::printf("== kernel boots\n");
  rows.push_back(kernel_boot(bus));
  std::printf("== capsules alpha and beta talk over topic patterns\n");
  auto capsule_rows = capsule_dialogue(bus, 25);
  rows.insert(rows.end(), capsule_rows.begin(), capsule_rows.end());
  std::printf("== an LLM streams a response to the CLI\n");
  auto llm_rows = llm_stream(bus);
  rows.insert(rows.end(), llm_rows.begin(), llm_rows.end());
  std::printf("== a guest capsule floods the bus\n");
  rows.push_back(guest_flood(bus));
  std::printf("== kernel shuts down\n");
  rows.push_back(kernel_shutdown(bus));
  mon_thread.join();

  auto slow_row = drain_slow(slow);
  auto stats = bus.stats();
  rows.push_back(audit->row(stats));
  rows.push_back(demo_row{"monitor", std::to_string(mon.received), std::to_string(mon.lost), "0",
                          "every event, read as it came"});
  rows.push_back(slow_row);
  all_ok = mon.lost == 0 && audit->crashes() > 0 && slow_row.lost != "0" &&
           stats.rejected_total() > 0 && demo_ok(rows);
  std::printf("\nbus totals: published %llu, delivered %llu, lagged %llu, refused %llu, "
              "subscriber crashes %llu / restarts %llu\n",
              static_cast<unsigned long long>(stats.published_total()),
              static_cast<unsigned long long>(stats.delivered),
              static_cast<unsigned long long>(stats.lagged_total()),
              static_cast<unsigned long long>(stats.rejected_total()),
              static_cast<unsigned long long>(stats.subscriber_crashes),
              static_cast<unsigned long long>(stats.subscriber_restarts));
  return rows;
}

int run_demo() {
  install_demo_logger();
  bus::bus_config cfg;
  cfg.capacity = 128;  // small, so the slow dashboard visibly lags
  cfg.log_level = "warn";
  cfg.scheduler_threads = 2;
  caf::actor_system_config sys_cfg;
  cfg.apply(sys_cfg);
  caf::actor_system sys{sys_cfg};
  bool ok = false;
  std::vector<demo_row> rows;
  {
    bus::event_bus bus{sys, cfg};
    rows = run_scenes(bus, ok);
  }  // the last copy: the audit subscriber is released here
  print_table(rows);
  std::fflush(stdout);
  return ok ? 0 : 1;
}

}  // namespace

void add_demo_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "demo", "run the bus on an embedded default: kernel, capsules, LLM stream, a crashing "
              "subscriber, a slow one and a rate-limited flood");
  cmd->callback([&exit_code] { exit_code = run_command("demo", run_demo); });
}

}  // namespace astrid::cli
