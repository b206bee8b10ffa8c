// astrid-bus: one binary, subcommands in the style of `nats` and `redis-cli`.
// Machine output is NDJSON on stdout, diagnostics go to stderr.
#include "cli/commands.hpp"

#include <astrid/bus/bus_config.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

int astrid::cli::run_command(std::string_view name, const std::function<int()>& body) noexcept {
  const auto report = [name](const std::exception& e) {
    std::cerr << "astrid-bus " << name << ": " << e.what() << '\n';
  };
  try {
    return body();
  } catch (const astrid::bus::config_error& e) {
    report(e);
    return 2;
  } catch (const std::invalid_argument& e) {
    report(e);
    return 2;
  } catch (const std::exception& e) {
    report(e);
    return 1;
  } catch (...) {
    std::cerr << "astrid-bus " << name << ": unknown error\n";
    return 1;
  }
}

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
  astrid::cli::add_stats_command(app, exit_code);
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
