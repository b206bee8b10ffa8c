// astrid-bus: one binary, subcommands in the style of `nats` and `redis-cli`.
// Machine output is NDJSON on stdout, diagnostics go to stderr.
#include "cli/commands.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"astrid-bus: the event bus of an agent runtime"};
  app.require_subcommand(1);
  int exit_code = 0;
  astrid::cli::add_codec_command(app, exit_code);
  astrid::cli::add_match_command(app, exit_code);
  astrid::cli::add_demo_command(app, exit_code);
  astrid::cli::add_bench_command(app, exit_code);
  astrid::cli::add_serve_command(app, exit_code);
  astrid::cli::add_tail_command(app, exit_code);
  astrid::cli::add_pub_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;  // usage errors exit 2
  } catch (const std::exception& e) {
    std::cerr << "astrid-bus: " << e.what() << '\n';
    return 1;
  }
  return exit_code;
}
