// The topic and idle-memory scenarios of `astrid-bus bench` (see bench.hpp).
// Topic receivers are polled by a few consumer threads (1,000 threads would
// measure the kernel's scheduler, not the bus); the trie routes each event
// to its ~1% of subscriptions.
#include "cli/bench.hpp"

#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

namespace astrid::cli::bench {

namespace {

using clock_type = std::chrono::steady_clock;
constexpr std::size_t topic_count = 100;
constexpr std::size_t consumer_threads = 4;

struct alignas(64) counter {
  std::atomic<std::uint64_t> value{0};
};

// The pattern of subscription `i` on topic number `k` (a third each exact,
// mid `*`, trailing `.*`).
std::string pattern_for(std::size_t i, std::size_t k) {
  const auto topic = std::to_string(k);
  switch (i % 3) {
    case 0: return "astrid.v1.capsule." + topic + ".out";
    case 1: return "astrid.*.capsule." + topic + ".out";
    default: return "astrid.v1.capsule." + topic + ".*";
  }
}

std::string pattern_for(std::size_t i) { return pattern_for(i, i % topic_count); }

astrid::event topic_event(const std::string& topic, bool end) {
  astrid::ipc_message msg;
  msg.topic = topic;
  msg.payload = astrid::payloads::custom{std::string(64, '7')};
  if (end) msg.principal = "end";
  return astrid::make_ipc_event(std::move(msg), "bench");
}

// Polls its receivers until each saw its end marker.
void consume_slice(std::vector<bus::event_receiver>& rxs, std::size_t first, std::size_t last,
                   std::vector<counter>& progress, std::atomic<std::uint64_t>& lagged) {
  std::vector<bool> done(last - first, false);
  std::size_t remaining = last - first;
  while (remaining > 0) {
    bool idle = true;
    for (std::size_t i = first; i < last; ++i) {
      if (done[i - first]) continue;
      while (auto ev = rxs[i].try_recv()) {
        idle = false;
        if (astrid::as_ipc(**ev)->principal) {
          done[i - first] = true;
          --remaining;
          break;
        }
        progress[i].value.fetch_add(1, std::memory_order_relaxed);
      }
    }
    if (idle) std::this_thread::yield();
  }
  for (std::size_t i = first; i < last; ++i) lagged += rxs[i].drain_lagged();
}

void pace(const std::vector<counter>& progress, std::uint64_t per_receiver, std::uint64_t window) {
  for (;;) {
    std::uint64_t slowest = per_receiver;
    for (const auto& p : progress) slowest = std::min(slowest, p.value.load(std::memory_order_relaxed));
    if (per_receiver - slowest < window) return;
    std::this_thread::yield();
  }
}

std::size_t resident_bytes() {
  std::ifstream statm{"/proc/self/statm"};
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace

result topic(std::size_t subscriptions, std::uint64_t events, progress& bar, std::size_t idle) {
  caf::actor_system_config cfg;
  configure_system(cfg);
  caf::actor_system sys{cfg};
  auto res = result::of("topic", subscriptions + idle, events);
  if (idle > 0) res.note = std::to_string(idle) + " idle subscriptions on unpublished topics";
  {
    bus::event_bus bus{sys};
    std::vector<bus::event_receiver> idle_rxs;
    for (std::size_t i = 0; i < idle; ++i)
      idle_rxs.push_back(bus.subscribe_topic(pattern_for(i, topic_count + i), "idle"));
    std::vector<bus::event_receiver> rxs;
    rxs.reserve(subscriptions);
    for (std::size_t i = 0; i < subscriptions; ++i) rxs.push_back(bus.subscribe_topic(pattern_for(i), "bench"));
    std::vector<counter> progress(subscriptions);
    std::atomic<std::uint64_t> lagged{0};
    std::vector<std::thread> consumers;
    const auto slice = (subscriptions + consumer_threads - 1) / consumer_threads;
    for (std::size_t first = 0; first < subscriptions; first += slice)
      consumers.emplace_back([&, first] {
        consume_slice(rxs, first, std::min(first + slice, subscriptions), progress, lagged);
      });
    std::vector<astrid::event> templates;
    for (std::size_t k = 0; k < topic_count; ++k)
      templates.push_back(topic_event("astrid.v1.capsule." + std::to_string(k) + ".out", false));
    bar.start("topic subs=" + std::to_string(subscriptions), events);
    const auto t0 = clock_type::now();
    for (std::uint64_t s = 0; s < events; ++s) {
      if (s % 256 == 0) {
        pace(progress, s / topic_count, bus.capacity() / 2);
        if (s % 8192 == 0) bar.update(s);
      }
      bus.post(templates[s % topic_count]);
    }
    for (const auto& t : templates) bus.post(topic_event(astrid::as_ipc(t)->topic, true));
    for (auto& c : consumers) c.join();
    const std::chrono::duration<double> dt = clock_type::now() - t0;
    bar.finish();
    std::uint64_t delivered = 0;
    for (const auto& p : progress) delivered += p.value.load();
    res.events_per_sec = static_cast<double>(events) / dt.count();
    res.deliveries_per_sec = static_cast<double>(delivered) / dt.count();
    res.lagged = lagged.load();
  }
  return res;
}

result idle_memory(std::size_t receivers, bool topic, progress& bar) {
  caf::actor_system_config cfg;
  configure_system(cfg);
  caf::actor_system sys{cfg};
  auto res = result::of("idle-memory", receivers, 0);
  res.note = topic ? "topic receivers" : "all-events receivers";
  {
    bus::event_bus bus{sys};
    bus.publish(topic_event("warm.up", false));  // every lazy structure exists before measuring
    std::vector<bus::event_receiver> rxs;
    rxs.reserve(receivers);
    bar.start(std::string{"idle-memory "} + (topic ? "topic" : "all"), receivers);
    const auto before = resident_bytes();
    for (std::size_t i = 0; i < receivers; ++i) {
      rxs.push_back(topic ? bus.subscribe_topic(pattern_for(i), "idle") : bus.subscribe("idle"));
      if (i % 512 == 0) bar.update(i);
    }
    const auto after = resident_bytes();
    bar.finish();
    res.bytes_per_receiver =
        static_cast<double>(after > before ? after - before : 0) / static_cast<double>(receivers);
  }
  return res;
}

}  // namespace astrid::cli::bench
