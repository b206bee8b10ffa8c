// `astrid-bus codec --kind K [--op OP]`: decodes NDJSON from stdin as one
// schema kind and writes, per input line, its canonical serde encoding or an
// `{"error": ...}` line. Lets operators (and the conformance check) test what
// the bus would accept, without a running bus.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <astrid/messages/codec.hpp>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "cli/commands.hpp"

namespace astrid::cli {
namespace {

// One input value to one output line (without the newline).
using line_codec = std::function<std::string(const nlohmann::json&)>;

const std::map<std::string, line_codec>& roundtrip_codecs() {
  static const std::map<std::string, line_codec> codecs{
      {"ipc_payload", [](const auto& j) { return encode_text(decode_ipc_payload(j)); }},
      {"ipc_message", [](const auto& j) { return encode_text(decode_ipc_message(j)); }},
      {"event", [](const auto& j) { return encode_text(decode_event(j)); }},
      {"event_metadata", [](const auto& j) { return encode_text(decode_event_metadata(j)); }},
      {"stream_event", [](const auto& j) { return encode_text(decode_stream_event(j)); }},
      {"llm_message", [](const auto& j) { return encode_text(decode_llm_message(j)); }},
      {"llm_response", [](const auto& j) { return encode_text(decode_llm_response(j)); }},
      {"kernel_request", [](const auto& j) { return encode_text(decode_kernel_request(j)); }},
      {"kernel_response", [](const auto& j) { return encode_text(decode_kernel_response(j)); }},
  };
  return codecs;
}

// The codec for (kind, op), or an empty function when the pair is invalid.
line_codec select_codec(const std::string& kind, const std::string& op) {
  if (op == "roundtrip") return roundtrip_codecs().at(kind);
  if (kind != "ipc_payload") return {};
  if (op == "from-json-value") {
    return [](const nlohmann::json& j) { return encode_text(from_json_value(j)); };
  }
  return [](const nlohmann::json& j) { return to_guest_bytes(decode_ipc_payload(j)); };
}

// One output line for one input line; never throws for bad input.
std::string process_line(const line_codec& codec, std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  try {
    return codec(parse_json(line));
  } catch (const std::exception& e) {  // decode_error, encode_error
    return encode_text(nlohmann::json{{"error", e.what()}});
  }
}

int run_codec(const line_codec& codec) {
  std::ios::sync_with_stdio(false);
  const bool interactive = ::isatty(STDOUT_FILENO) != 0;
  constexpr std::size_t flush_bytes = 64 * 1024;  // batch writes when piped
  std::string out;
  std::string line;
  while (std::getline(std::cin, line)) {
    out += process_line(codec, line);
    out += '\n';
    if (interactive || out.size() >= flush_bytes) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fflush(stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 && !std::ferror(stdout) ? 0 : 1;
}

}  // namespace

void add_codec_command(CLI::App& app, int& exit_code) {
  struct options {
    std::string kind;
    std::string op = "roundtrip";
  };
  auto opts = std::make_shared<options>();
  auto* sub = app.add_subcommand(
      "codec",
      "Decode each NDJSON line of stdin as KIND and print its canonical encoding, "
      "or {\"error\": ...} when it does not decode");
  std::vector<std::string> kinds;
  for (const auto& [name, codec] : roundtrip_codecs()) kinds.push_back(name);
  sub->add_option("--kind", opts->kind, "Schema kind")->required()->check(CLI::IsMember(kinds));
  sub->add_option(
         "--op", opts->op,
         "roundtrip (decode, re-encode); from-json-value or guest-bytes (ipc_payload only)")
      ->check(CLI::IsMember({"roundtrip", "from-json-value", "guest-bytes"}));
  sub->callback([opts, &exit_code] {
    const line_codec codec = select_codec(opts->kind, opts->op);
    if (!codec) {
      std::cerr << "astrid-bus codec: --op " << opts->op << " applies to --kind ipc_payload only\n";
      exit_code = 2;
      return;
    }
    exit_code = run_codec(codec);
  });
}

}  // namespace astrid::cli
