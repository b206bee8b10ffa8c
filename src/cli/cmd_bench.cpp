// astrid-bus bench SCENARIO [--json]: runs the benchmark scenarios shared
// with the peer baselines and prints one result per line (JSON with --json).
#include "cli/bench.hpp"
#include "cli/bench_remote.hpp"
#include "cli/commands.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/atom.hpp>

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace astrid::cli {

namespace bench {

void configure_system(caf::actor_system_config& cfg) {
  cfg.set("scheduler.max-threads", 2);
  const char* env = std::getenv("ASTRID_BENCH_SCHEDULER");
  const std::string policy = env != nullptr ? env : "";
  if (policy == "sharing") cfg.set("scheduler.policy", caf::atom("sharing"));
  // CAF's default lets an idle worker sleep 50 us between polls for 500
  // rounds before it parks; a bus woken by every publish pays that as
  // latency (p50 ~100 us instead of ~15 us). "caf-default" keeps CAF's.
  if (policy != "caf-default") cfg.set("work-stealing.moderate-poll-attempts", 0);
}

progress::progress() : tty_{::isatty(STDERR_FILENO) == 1} {}

void progress::start(const std::string& label, std::uint64_t total) {
  label_ = label;
  total_ = total == 0 ? 1 : total;
  shown_ = -1;
  update(0);
}

void progress::update(std::uint64_t done) {
  if (!tty_) return;
  const int pct = static_cast<int>(done * 100 / total_);
  if (pct == shown_) return;
  shown_ = pct;
  const int filled = pct * 30 / 100;
  std::fprintf(stderr, "\r%-22s [%s%s] %3d%%", label_.c_str(), std::string(filled, '#').c_str(),
               std::string(30 - filled, ' ').c_str(), pct);
  std::fflush(stderr);
}

void progress::finish() {
  if (!tty_) return;
  std::fprintf(stderr, "\r%s\r", std::string(62, ' ').c_str());
  std::fflush(stderr);
}

}  // namespace bench

namespace {

std::string number_or_null(const std::optional<double>& x) {
  if (!x) return "null";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", *x);
  return buf;
}

void print(const bench::result& r, bool json) {
  if (json) {
    std::printf("{\"scenario\":\"%s\",\"subscribers\":%zu,\"events\":%llu,\"events_per_sec\":%.0f,"
                "\"deliveries_per_sec\":%.0f,\"p50_us\":%s,\"p99_us\":%s,\"lagged\":%llu",
                r.scenario.c_str(), r.subscribers, static_cast<unsigned long long>(r.events),
                r.events_per_sec, r.deliveries_per_sec, number_or_null(r.p50_us).c_str(),
                number_or_null(r.p99_us).c_str(), static_cast<unsigned long long>(r.lagged));
    if (r.bytes_per_receiver) std::printf(",\"bytes_per_receiver\":%.0f", *r.bytes_per_receiver);
    if (r.bytes_held) std::printf(",\"bytes_held\":%.0f", *r.bytes_held);
    if (r.rate) std::printf(",\"rate\":%llu", static_cast<unsigned long long>(*r.rate));
    if (!r.note.empty()) std::printf(",\"note\":\"%s\"", r.note.c_str());
    std::printf("}\n");
  } else if (r.bytes_per_receiver) {
    std::printf("%-12s %6zu %-22s %10.0f bytes resident per idle receiver\n", r.scenario.c_str(),
                r.subscribers, r.note.c_str(), *r.bytes_per_receiver);
  } else {
    std::printf("%-12s S=%-6zu %9llu events %10.0f events/s %11.0f deliveries/s", r.scenario.c_str(),
                r.subscribers, static_cast<unsigned long long>(r.events), r.events_per_sec,
                r.deliveries_per_sec);
    if (r.p50_us) std::printf("  p50 %.1f us  p99 %.1f us", *r.p50_us, *r.p99_us);
    if (r.bytes_held) std::printf("  held %.0f bytes", *r.bytes_held);
    std::printf("  lagged %llu", static_cast<unsigned long long>(r.lagged));
    if (!r.note.empty()) std::printf("  (%s)", r.note.c_str());
    std::printf("\n");
  }
  std::fflush(stdout);
}

// Events a fan-out run of `subscribers` publishes: each size runs for
// about the same time.
std::uint64_t fanout_events(std::size_t subscribers) {
  return subscribers <= 1 ? 2'000'000 : subscribers <= 10 ? 1'000'000 : 200'000;
}

// Runs `scenario` ("all" runs each); false for an unknown name. `only`, when
// not 0, runs the fan-out scenarios with that many subscribers alone.
bool run(const std::string& scenario, bool json, std::size_t only) {
  bench::progress bar;
  const bool all = scenario == "all";
  bool known = all;
  std::vector<std::size_t> sizes{1, 10, 100};
  if (only != 0) sizes = {only};
  if (all || scenario == "fanout") {
    known = true;
    for (auto s : sizes) print(bench::fanout(s, fanout_events(s), bar), json);
  }
  if (all || scenario == "fanout-actors") {
    known = true;
    for (auto s : sizes) print(bench::fanout_actors(s, fanout_events(s), bar), json);
  }
  if (all || scenario == "topic") {
    known = true;
    print(bench::topic(1'000, 200'000, bar), json);
    print(bench::topic(10'000, 50'000, bar), json);
    print(bench::topic(1'000, 200'000, bar, 9'000), json);
  }
  if (all || scenario == "latency") {
    known = true;
    print(bench::latency(100'000, 100'000, bar), json);
    print(bench::latency(50'000, 10'000, bar), json);  // where wake-up cost dominates
  }
  if (all || scenario == "routed") {
    known = true;
    print(bench::routed(1'000, 1'000'000, bar), json);
  }
  if (scenario == "remote-fanout") {  // not in "all": it starts processes
    known = true;
    for (auto s : only != 0 ? std::vector<std::size_t>{only} : std::vector<std::size_t>{1, 10})
      print(bench::remote_fanout(s, s <= 1 ? 200'000 : 100'000, bar), json);
  }
  if (scenario == "remote-latency") {
    known = true;
    print(bench::remote_latency(50'000, 50'000, bar), json);  // the NATS peer's run
    print(bench::remote_latency(20'000, 0, bar), json);       // one event in flight
  }
  if (all || scenario == "idle-memory") {
    known = true;
    print(bench::idle_memory(10'000, false, bar), json);
    print(bench::idle_memory(10'000, true, bar), json);
  }
  return known;
}

}  // namespace

void add_bench_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("bench", "run a benchmark scenario (fanout, fanout-actors, topic, "
                                          "latency, routed, idle-memory, all)");
  auto scenario = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("scenario", *scenario,
                  "fanout | fanout-actors | topic | latency | routed | idle-memory | all | "
                  "remote-fanout | remote-latency")
      ->required();
  cmd->add_flag("--json", *json, "one JSON line per result");
  auto only = std::make_shared<std::size_t>(0);
  cmd->add_option("--subscribers", *only,
                  "run fanout, fanout-actors and remote-fanout with this many subscribers only");
  cmd->callback([&exit_code, scenario, json, only] {
    exit_code = run_command("bench", [&] {
      if (!run(*scenario, *json, *only))
        throw std::invalid_argument{"unknown scenario '" + *scenario + "'"};
      return 0;
    });
  });
}

}  // namespace astrid::cli
