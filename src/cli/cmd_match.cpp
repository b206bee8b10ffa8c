// `astrid-bus match PATTERN TOPIC...`: shows which topics a subscription
// pattern matches, using the very function the bus routes with
// (bus::topic_pattern_matches, which is core::topic_pattern_matches), so
// operators can debug a subscription.
#include "cli/commands.hpp"

#include <astrid/bus/topic.hpp>

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace astrid::cli {

void add_match_command(CLI::App& app, int& exit_code) {
  struct options {
    std::string pattern;
    std::vector<std::string> topics;
  };
  auto opts = std::make_shared<options>();
  auto* sub = app.add_subcommand(
      "match",
      "Print, for each TOPIC, `match<TAB>topic` or `no-match<TAB>topic` under PATTERN "
      "(`*` = one segment; a final `.*` = one or more segments; depth cap 20)");
  sub->add_option("pattern", opts->pattern, "Subscription pattern, e.g. astrid.*.input")
      ->required();
  sub->add_option("topics", opts->topics, "Topics to test, e.g. astrid.cli.input")
      ->required();
  sub->callback([opts, &exit_code] {
    std::string out;
    for (const auto& topic : opts->topics) {
      out += bus::topic_pattern_matches(opts->pattern, topic) ? "match\t" : "no-match\t";
      out += topic;
      out += '\n';
    }
    std::cout << out << std::flush;
    exit_code = std::cout ? 0 : 1;
  });
}

}  // namespace astrid::cli
