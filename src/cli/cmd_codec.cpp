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
#include "cli/line_readers.hpp"

namespace astrid::cli {
namespace {

int run_codec(const line_codec& codec) {
  std::ios::sync_with_stdio(false);
  const bool interactive = ::isatty(STDOUT_FILENO) != 0;
  constexpr std::size_t flush_bytes = 64 * 1024;  // batch writes when piped
  std::string out;
  std::string line;
  while (std::getline(std::cin, line)) {
    out += codec_line(codec, line);
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
  sub->add_option("--kind", opts->kind, "Schema kind")->required()->check(CLI::IsMember(codec_kinds()));
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
