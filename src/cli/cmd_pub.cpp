// astrid-bus pub: publishes IPC messages to a bus node through the guest
// path (publish_ipc), so the node stamps `seq` and applies its rate limit,
// exactly as for a capsule. With `--payload -` every stdin line is one
// payload; a line that is not JSON is reported with its number and skipped.
// A summary (accepted, rejected by reason) goes to stderr.
#include "cli/commands.hpp"
#include "cli/node_setup.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <map>
#include <memory>
#include <string>

namespace astrid::cli {

namespace {

struct pub_options {
  node_options node;
  std::string connect = "127.0.0.1:7420";
  std::string topic;
  std::string payload;
  std::string principal;
  std::string source;
  std::uint64_t repeat = 1;
};

struct pub_tally {
  std::uint64_t accepted = 0;
  std::uint64_t invalid = 0;
  std::map<std::string, std::uint64_t> rejected;
};

// An object with a "type" is an IpcPayload; any other JSON is custom data.
astrid::ipc_payload payload_of(const nlohmann::json& j) {
  if (j.is_object() && j.contains("type")) return astrid::decode_ipc_payload(j);
  return astrid::payloads::custom{j};
}

void publish_one(bus::event_bus& bus, const pub_options& opts, const astrid::uuid& source,
                 const nlohmann::json& j, pub_tally& tally) {
  astrid::ipc_message msg;
  msg.topic = opts.topic;
  msg.payload = payload_of(j);
  msg.source_id = source;
  msg.timestamp = astrid::timestamp::now();
  if (!opts.principal.empty()) msg.principal = opts.principal;
  auto r = bus.publish_ipc(std::move(msg));
  if (r.accepted)
    ++tally.accepted;
  else
    ++tally.rejected[r.reason];
}

void publish_stdin(bus::event_bus& bus, const pub_options& opts, const astrid::uuid& source,
                   pub_tally& tally) {
  std::string line;
  for (std::size_t number = 1; std::getline(std::cin, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      std::cerr << "astrid-bus pub: line " << number << ": invalid JSON, skipped\n";
      ++tally.invalid;
      continue;
    }
    for (std::uint64_t i = 0; i < opts.repeat; ++i) publish_one(bus, opts, source, j, tally);
  }
}

int run_pub(const pub_options& opts) {
  auto [host, port] = parse_host_port(opts.connect);
  auto source = opts.source.empty() ? astrid::uuid::random() : astrid::uuid::parse(opts.source).value_or(astrid::uuid{});
  if (!opts.source.empty() && source.is_nil())
    throw std::invalid_argument{"--source: not a UUID: '" + opts.source + "'"};
  nlohmann::json fixed;
  if (opts.payload != "-") {
    fixed = nlohmann::json::parse(opts.payload, nullptr, false);
    if (fixed.is_discarded()) throw std::invalid_argument{"--payload: invalid JSON"};
  }
  auto n = make_node(opts.node);
  pub_tally tally;
  {
    auto bus = bus::event_bus::connect(*n->sys, host, port);
    if (opts.payload == "-")
      publish_stdin(bus, opts, source, tally);
    else
      for (std::uint64_t i = 0; i < opts.repeat; ++i) publish_one(bus, opts, source, fixed, tally);
  }
  std::cerr << "astrid-bus pub: accepted=" << tally.accepted;
  for (const auto& [reason, count] : tally.rejected) std::cerr << " rejected(" << reason << ")=" << count;
  if (tally.invalid > 0) std::cerr << " invalid_lines=" << tally.invalid;
  std::cerr << '\n';
  return tally.invalid > 0 ? 2 : 0;
}

}  // namespace

void add_pub_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<pub_options>();
  auto* cmd = app.add_subcommand("pub", "publish IPC messages to a bus node");
  cmd->add_option("--connect", opts->connect, "HOST:PORT of the bus node")->capture_default_str();
  cmd->add_option("--topic", opts->topic, "topic to publish on")->required();
  cmd->add_option("--payload", opts->payload, "JSON payload, or - for one per stdin line")->required();
  cmd->add_option("--principal", opts->principal, "principal of the messages");
  cmd->add_option("--source", opts->source, "source UUID (default: a random one)");
  cmd->add_option("--repeat", opts->repeat, "publish each payload N times")->capture_default_str();
  add_node_options(cmd, opts->node);
  cmd->callback([&exit_code, opts] { exit_code = run_command("pub", [&] { return run_pub(*opts); }); });
}

}  // namespace astrid::cli
