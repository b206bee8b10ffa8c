// The subcommands of astrid-bus. Each lives in its own cmd_<name>.cpp and
// registers itself on the application; its callback stores the process exit
// code in `exit_code` (0 success, 1 runtime failure, 2 usage or input error).
#pragma once

#include <functional>
#include <string_view>

namespace CLI {
class App;
}

namespace astrid::cli {

/// Runs the body of command `name` and returns its exit code. An exception
/// that escapes it is reported on stderr as "astrid-bus NAME: what" and
/// becomes exit code 2 when it is about the input (std::invalid_argument,
/// bus::config_error) and 1 otherwise. Never throws.
int run_command(std::string_view name, const std::function<int()>& body) noexcept;

void add_codec_command(CLI::App& app, int& exit_code);
void add_match_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_bench_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_tail_command(CLI::App& app, int& exit_code);
void add_pub_command(CLI::App& app, int& exit_code);
void add_stats_command(CLI::App& app, int& exit_code);

}  // namespace astrid::cli
