// astrid-bus pub: publishes IPC messages to a bus node through the guest
// path (publish_ipc), so the node stamps `seq` and applies its rate limit,
// exactly as for a capsule. With `-` (or `--payload -`) every stdin line is
// one payload; a line that is not JSON is reported with its number and
// skipped.
// A summary (accepted, rejected by reason) goes to stderr.
// --origin and --device-key-id stamp provenance that a host sets on what it
// received from a sender, never a client on what it sends: they exist to
// test subscribers that act on it, and are never set without the flags.
#include "cli/commands.hpp"
#include "cli/line_readers.hpp"
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
  std::string stdin_marker;  // "-" given as a positional argument
  std::string principal;
  std::string device_key_id;  // empty: none
  std::string origin_name = "system";
  astrid::ipc_origin origin = astrid::ipc_origin::system;  // from origin_name
  std::string source;
  std::uint64_t repeat = 1;
};

struct pub_tally {
  std::uint64_t accepted = 0;
  std::uint64_t invalid = 0;
  std::map<std::string, std::uint64_t> rejected;
};

void publish_one(bus::event_bus& bus, const pub_options& opts, const astrid::uuid& source,
                 const astrid::ipc_payload& payload, pub_tally& tally) {
  astrid::ipc_message msg;
  msg.topic = opts.topic;
  msg.payload = payload;
  msg.source_id = source;
  msg.timestamp = astrid::timestamp::now();
  if (!opts.principal.empty()) msg.principal = opts.principal;
  if (!opts.device_key_id.empty()) msg.device_key_id = opts.device_key_id;
  msg.origin = opts.origin;
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
    astrid::ipc_payload payload;
    try {
      payload = pub_payload(line);
    } catch (const astrid::decode_error& e) {
      std::cerr << "astrid-bus pub: line " << number << ": " << e.what() << ", skipped\n";
      ++tally.invalid;
      continue;
    }
    for (std::uint64_t i = 0; i < opts.repeat; ++i) publish_one(bus, opts, source, payload, tally);
  }
}

int run_pub(pub_options opts) {
  if (!opts.stdin_marker.empty()) {
    if (!opts.payload.empty() && opts.payload != "-")
      throw std::invalid_argument{"give either --payload JSON or -, not both"};
    opts.payload = "-";
  }
  if (opts.payload.empty()) throw std::invalid_argument{"give --payload JSON, or - to read stdin"};
  const auto origin = astrid::parse_ipc_origin(opts.origin_name);
  if (!origin) throw std::invalid_argument{"--origin: not an origin: '" + opts.origin_name + "'"};
  opts.origin = *origin;
  auto [host, port] = parse_host_port(opts.connect);
  check_topic(opts.topic);
  auto source = opts.source.empty() ? astrid::uuid::random() : astrid::uuid::parse(opts.source).value_or(astrid::uuid{});
  if (!opts.source.empty() && source.is_nil())
    throw std::invalid_argument{"--source: not a UUID: '" + opts.source + "'"};
  astrid::ipc_payload fixed;
  if (opts.payload != "-") {
    try {
      fixed = pub_payload(opts.payload);
    } catch (const astrid::decode_error& e) {
      throw std::invalid_argument{std::string{"--payload: "} + e.what()};
    }
  }
  auto n = make_node(opts.node);
  check_resolves(host, "--connect");
  pub_tally tally;
  {
    auto bus = bus::event_bus::connect(*n->sys, host, port, n->bus_cfg);
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
  cmd->add_option("--payload", opts->payload, "JSON payload, or - for one per stdin line");
  cmd->add_option("stdin", opts->stdin_marker, "- : read one JSON payload per stdin line")
      ->check(CLI::IsMember({"-"}));
  cmd->add_option("--principal", opts->principal, "principal of the messages");
  cmd->add_option("--origin", opts->origin_name,
                  "stamp this provenance origin (hosts set it; for tests)")
      ->check(CLI::IsMember({"system", "local_socket", "remote_gateway"}))
      ->capture_default_str();
  cmd->add_option("--device-key-id", opts->device_key_id,
                  "stamp this provenance device key id (hosts set it; for tests)");
  cmd->add_option("--source", opts->source, "source UUID (default: a random one)");
  cmd->add_option("--repeat", opts->repeat, "publish each payload N times")->capture_default_str();
  add_node_options(cmd, opts->node);
  cmd->callback([&exit_code, opts] { exit_code = run_command("pub", [&] { return run_pub(*opts); }); });
}

}  // namespace astrid::cli
