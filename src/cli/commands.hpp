// The subcommands of astrid-bus. Each lives in its own cmd_<name>.cpp and
// registers itself on the application; its callback stores the process exit
// code in `exit_code` (0 success, 1 runtime failure, 2 usage or input error).
#pragma once

namespace CLI {
class App;
}

namespace astrid::cli {

void add_codec_command(CLI::App& app, int& exit_code);
void add_match_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_bench_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_tail_command(CLI::App& app, int& exit_code);
void add_pub_command(CLI::App& app, int& exit_code);

}  // namespace astrid::cli
