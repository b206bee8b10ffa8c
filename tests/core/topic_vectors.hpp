// Loads the `topic_match` conformance vectors (generated from the reference
// implementation) from tests/data/serde-vectors.ndjson.
#pragma once

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace astrid::test {

struct topic_vector {
  std::string pattern;
  std::string topic;
  bool expect = false;
};

inline std::vector<topic_vector> load_topic_vectors() {
  const std::string path = std::string{ASTRID_TEST_DATA_DIR} + "/serde-vectors.ndjson";
  std::ifstream in{path};
  if (!in) throw std::runtime_error{"cannot open " + path};
  std::vector<topic_vector> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("topic_match") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line);
    if (j.value("kind", "") != "topic_match") continue;
    out.push_back({j.at("pattern").get<std::string>(), j.at("topic").get<std::string>(),
                   j.at("expect").get<bool>()});
  }
  return out;
}

}  // namespace astrid::test
