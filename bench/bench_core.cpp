// Micro-benchmarks of the pure algorithms, on Google Benchmark: trie lookup
// against the number of subscriptions (it should stay flat, unlike a linear
// scan of every pattern, the reference's approach), with and without its
// result cache; inserts; and broadcast-ring fan-out.
//   bench_core --benchmark_filter=trie --benchmark_repetitions=5
//   bench_core --benchmark_format=json > core.json   (compare.py reads it)
#include "core/broadcast_ring.hpp"
#include "core/topic.hpp"
#include "core/topic_index.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

// Subscription i: a mix of exact (60%), mid-`*` (20%) and trailing `.*`
// (20%) patterns over a namespace that grows with n, the way capsules add
// their own topics.
std::vector<std::string> patterns_for(std::size_t n) {
  std::mt19937_64 rng{n};
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto svc = "svc" + std::to_string(i / 10);
    const auto leaf = "op" + std::to_string(i % 10);
    switch (rng() % 5) {
      case 0: out.push_back(svc + ".v1.*." + leaf); break;
      case 1: out.push_back(svc + ".v1.*"); break;
      default: out.push_back(svc + ".v1.request." + leaf); break;
    }
  }
  return out;
}

// `count` topics drawn over the namespace of n subscriptions: 4,096 defeat
// the 1,024-slot cache, 64 hot ones are the case it is for.
std::vector<std::string> topics_for(std::size_t n, std::size_t count) {
  std::mt19937_64 rng{n + count};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    const auto s = rng() % n;
    out.push_back("svc" + std::to_string(s / 10) + ".v1.request.op" + std::to_string(s % 10));
  }
  return out;
}

void trie_match(benchmark::State& state, std::size_t cache, std::size_t distinct_topics) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto patterns = patterns_for(n);
  const auto topics = topics_for(n, distinct_topics);
  astrid::core::topic_index index{cache};
  for (std::size_t i = 0; i < n; ++i) index.insert(patterns[i], i);
  std::vector<std::uint64_t> out;
  std::size_t i = 0, matched = 0;
  for (auto _ : state) {
    out.clear();
    index.match(topics[i++ % topics.size()], out);
    matched += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["matches_per_lookup"] =
      benchmark::Counter(static_cast<double>(matched) / static_cast<double>(state.iterations()));
}

void BM_trie_match_uncached(benchmark::State& state) { trie_match(state, 0, 4096); }
void BM_trie_match_cache_cold_topics(benchmark::State& state) {
  trie_match(state, astrid::core::topic_index::default_cache_capacity, 4096);
}
void BM_trie_match_cache_hot_topics(benchmark::State& state) {
  trie_match(state, astrid::core::topic_index::default_cache_capacity, 64);
}

// The reference's approach: every pattern tested against the topic.
void BM_linear_scan(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto patterns = patterns_for(n);
  const auto topics = topics_for(n, 4096);
  std::size_t i = 0;
  for (auto _ : state) {
    std::size_t matched = 0;
    const auto& topic = topics[i++ % topics.size()];
    for (const auto& p : patterns) matched += astrid::core::topic_pattern_matches(p, topic);
    benchmark::DoNotOptimize(matched);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_trie_insert(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto patterns = patterns_for(n);
  for (auto _ : state) {
    astrid::core::topic_index index;
    for (std::size_t i = 0; i < n; ++i) index.insert(patterns[i], i);
    benchmark::DoNotOptimize(index.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}

// The bus's pattern: the writer pushes a batch of 64, every reader copies
// it out through its own cursor. Items are deliveries.
void BM_broadcast_ring(benchmark::State& state) {
  using item = std::shared_ptr<const std::uint64_t>;
  const auto readers = static_cast<std::size_t>(state.range(0));
  constexpr std::size_t capacity = 1024, batch = 64;
  astrid::core::broadcast_ring<item> ring{capacity};
  std::vector<astrid::core::ring_cursor> cursors(readers, ring.subscribe());
  std::vector<item> out;
  out.reserve(batch);
  std::int64_t delivered = 0;
  std::uint64_t e = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < batch; ++i) ring.push(std::make_shared<const std::uint64_t>(e++));
    for (auto& c : cursors) {
      out.clear();
      delivered += static_cast<std::int64_t>(ring.read(c, out, batch));
    }
  }
  state.SetItemsProcessed(delivered);
}

}  // namespace

BENCHMARK(BM_trie_match_uncached)->RangeMultiplier(10)->Range(100, 100'000);
BENCHMARK(BM_trie_match_cache_cold_topics)->RangeMultiplier(10)->Range(100, 100'000);
BENCHMARK(BM_trie_match_cache_hot_topics)->RangeMultiplier(10)->Range(100, 100'000);
BENCHMARK(BM_linear_scan)->RangeMultiplier(10)->Range(100, 100'000);
BENCHMARK(BM_trie_insert)->RangeMultiplier(10)->Range(100, 10'000);
BENCHMARK(BM_broadcast_ring)->Arg(1)->Arg(10)->Arg(100);

BENCHMARK_MAIN();
