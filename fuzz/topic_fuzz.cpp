// Fuzzes the topic grammar differentially: the segment trie (topic_index)
// and the one matching function (topic_pattern_matches) must agree on every
// pattern and topic. Input: lines; those before a line "--" are patterns
// (the first line alone when there is none), the rest are topics.
#include "core/topic.hpp"
#include "core/topic_index.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text{reinterpret_cast<const char*>(data), size};
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  if (lines.size() > 64) lines.resize(64);
  auto split = std::find(lines.begin(), lines.end(), std::string_view{"--"});
  std::vector<std::string_view> patterns, topics;
  if (split == lines.end()) {
    if (lines.empty()) return 0;
    patterns.push_back(lines.front());
    topics.assign(lines.begin() + 1, lines.end());
  } else {
    patterns.assign(lines.begin(), split);
    topics.assign(split + 1, lines.end());
  }
  astrid::core::topic_index index{4};  // a small cache, so hits and evictions both happen
  for (std::size_t i = 0; i < patterns.size(); ++i) index.insert(patterns[i], i);
  for (int round = 0; round < 2; ++round) {  // the second round is answered from the cache
    for (auto topic : topics) {
      std::vector<std::uint64_t> got;
      index.match(topic, got);
      std::sort(got.begin(), got.end());
      got.erase(std::unique(got.begin(), got.end()), got.end());
      std::vector<std::uint64_t> want;
      for (std::size_t i = 0; i < patterns.size(); ++i)
        if (astrid::core::topic_pattern_matches(patterns[i], topic)) want.push_back(i);
      if (got != want) std::abort();
    }
  }
  for (std::size_t i = 0; i < patterns.size(); ++i) index.erase(patterns[i], i);
  for (auto topic : topics) {
    std::vector<std::uint64_t> got;
    index.match(topic, got);
    if (!got.empty()) std::abort();  // nothing left to match
  }
  return 0;
}
