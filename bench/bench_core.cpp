// Micro-benchmarks of the pure algorithms: trie lookup cost against the
// number of subscriptions (it should stay flat, unlike a linear scan of
// every pattern), and broadcast-ring fan-out throughput.
// Output: one JSON object per line on stdout.
#include "core/broadcast_ring.hpp"
#include "core/topic.hpp"
#include "core/topic_index.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

using bench_clock = std::chrono::steady_clock;

double ns_since(bench_clock::time_point t0) {
  return std::chrono::duration<double, std::nano>(bench_clock::now() - t0).count();
}

// Subscription i: a mix of exact (60%), mid-`*` (20%) and trailing `.*`
// (20%) patterns over a namespace that grows with n, the way capsules add
// their own topics.
std::string pattern_for(std::size_t i, std::mt19937_64& rng) {
  const auto svc = "svc" + std::to_string(i / 10);
  const auto leaf = "op" + std::to_string(i % 10);
  switch (rng() % 5) {
    case 0: return svc + ".v1.*." + leaf;
    case 1: return svc + ".v1.*";
    default: return svc + ".v1.request." + leaf;
  }
}

std::vector<std::string> topics_for(std::size_t n, std::size_t count, std::mt19937_64& rng) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    const auto s = rng() % n;
    out.push_back("svc" + std::to_string(s / 10) + ".v1.request.op" + std::to_string(s % 10));
  }
  return out;
}

void bench_trie(std::size_t n) {
  std::mt19937_64 rng{n};
  std::vector<std::string> patterns;
  patterns.reserve(n);
  for (std::size_t i = 0; i < n; ++i) patterns.push_back(pattern_for(i, rng));
  // 4,096 distinct topics defeat a 1,024-slot cache (worst case: trie walk
  // plus a cache miss); 64 hot topics are the common case the cache is for.
  const auto cold_topics = topics_for(n, 4096, rng);
  const auto hot_topics = topics_for(n, 64, rng);
  const auto& topics = cold_topics;

  struct run {
    const char* name;
    std::size_t cache;
    const std::vector<std::string>* topics;
  };
  for (const auto& r : {run{"uncached", 0, &cold_topics},
                        run{"cache_cold_topics", astrid::core::topic_index::default_cache_capacity,
                            &cold_topics},
                        run{"cache_hot_topics", astrid::core::topic_index::default_cache_capacity,
                            &hot_topics}}) {
    const auto cache = r.cache;
    const auto& topics = *r.topics;
    astrid::core::topic_index idx{cache};
    auto t0 = bench_clock::now();
    for (std::size_t i = 0; i < n; ++i) idx.insert(patterns[i], i);
    const double insert_ns = ns_since(t0) / static_cast<double>(n);

    // Best of three runs: the machine is shared, the minimum is the signal.
    std::vector<std::uint64_t> out;
    std::size_t matched = 0;
    const std::size_t lookups = 400'000;
    double match_ns = 1e300;
    for (int rep = 0; rep < 3; ++rep) {
      matched = 0;
      t0 = bench_clock::now();
      for (std::size_t i = 0; i < lookups; ++i) {
        out.clear();
        idx.match(topics[i % topics.size()], out);
        matched += out.size();
      }
      match_ns = std::min(match_ns, ns_since(t0) / static_cast<double>(lookups));
    }
    std::printf(
        "{\"bench\":\"trie_match\",\"mode\":\"%s\",\"subscriptions\":%zu,\"cache\":%zu,\"ns_per_lookup\":%.1f,"
        "\"avg_matches\":%.2f,\"ns_per_insert\":%.1f,\"cache_hits_per_run\":%llu}\n",
        r.name, n, cache, match_ns, static_cast<double>(matched) / lookups, insert_ns,
        static_cast<unsigned long long>(idx.stats().cache_hits / 3));
  }

  // The reference's approach: test every pattern against the topic.
  const std::size_t scans = n >= 100'000 ? 200 : n >= 10'000 ? 2'000 : 20'000;
  std::size_t matched = 0;
  auto t0 = bench_clock::now();
  for (std::size_t i = 0; i < scans; ++i)
    for (const auto& p : patterns)
      matched += astrid::core::topic_pattern_matches(p, topics[i % topics.size()]);
  std::printf(
      "{\"bench\":\"linear_scan\",\"subscriptions\":%zu,\"ns_per_lookup\":%.1f,"
      "\"avg_matches\":%.2f}\n",
      n, ns_since(t0) / static_cast<double>(scans), static_cast<double>(matched) / scans);
}

void bench_ring(std::size_t readers) {
  using item = std::shared_ptr<const std::uint64_t>;
  const std::size_t capacity = 1024, batch = 64, events = 1'000'000;
  astrid::core::broadcast_ring<item> ring{capacity};
  std::vector<astrid::core::ring_cursor> cursors(readers, ring.subscribe());
  std::vector<item> out;
  out.reserve(batch);
  std::uint64_t delivered = 0;
  // Writer pushes a batch, then every reader drains it: the bus pattern
  // (push under the lock, wake readers, each copies out its batch).
  auto t0 = bench_clock::now();
  for (std::size_t e = 0; e < events; e += batch) {
    for (std::size_t i = 0; i < batch; ++i)
      ring.push(std::make_shared<const std::uint64_t>(e + i));
    for (auto& c : cursors) {
      out.clear();
      delivered += ring.read(c, out, batch);
    }
  }
  const double ns = ns_since(t0);
  std::printf(
      "{\"bench\":\"broadcast_ring\",\"readers\":%zu,\"events\":%zu,\"batch\":%zu,"
      "\"events_per_sec\":%.0f,\"deliveries_per_sec\":%.0f,\"ns_per_delivery\":%.2f}\n",
      readers, events, batch, static_cast<double>(events) / ns * 1e9,
      static_cast<double>(delivered) / ns * 1e9, ns / static_cast<double>(delivered));
}

}  // namespace

int main() {
  for (std::size_t n : {100u, 1'000u, 10'000u, 100'000u}) bench_trie(n);
  for (std::size_t r : {1u, 10u, 100u}) bench_ring(r);
}
