// The routed scenario of `astrid-bus bench` (see bench.hpp): one routed
// subscription fed by many principals with 1 KiB messages, drained by one
// consumer thread with try_drain. It measures what per-principal fairness
// costs: events/s in (posted) and out (drained), the wait of the quietest
// principal (publishing 5x less than each other one), and the memory the
// route holds. The publisher stays at most `window` events ahead of the
// consumer, under the 1 MiB route budget: a lossless sustained rate.
#include "cli/bench.hpp"

#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

namespace astrid::cli::bench {

namespace {

using clock_type = std::chrono::steady_clock;

constexpr std::size_t message_bytes = 1024;             // ipc_size of every message
constexpr std::uint64_t max_window = 768;               // events in flight: 768 KiB < 1 MiB
constexpr std::uint64_t window_per_principal = 200;     // < 256, the per-principal cap
constexpr std::size_t drain_budget_bytes = 64 * 1024;   // per try_drain
constexpr std::uint64_t quiet_every = 5'000;            // 1 quiet event per 5,000
constexpr const char* topic = "bench.routed.out";

// An IPC message of exactly message_bytes from `principal`, carrying the
// time it was made (ns since the steady clock's epoch) in its payload.
astrid::event routed_event(const std::string& principal, std::int64_t t) {
  astrid::ipc_message msg;
  msg.topic = topic;
  msg.principal = principal;
  nlohmann::json data{{"t", t}, {"pad", ""}};
  const auto base =
      astrid::to_guest_bytes(astrid::payloads::custom{data}).size() + msg.topic.size();
  data["pad"] = std::string(message_bytes > base ? message_bytes - base : 0, '7');
  msg.payload = astrid::payloads::custom{std::move(data)};
  return astrid::make_ipc_event(std::move(msg), "bench");
}

struct consumer_state {
  std::atomic<std::uint64_t> drained{0};
  std::atomic<bool> stop{false};
  std::vector<double> quiet_wait_us;  // consumer thread only, read after join
  std::vector<double> all_wait_us;    // every event's wait, same
  clock_type::time_point last{};
};

void consume(bus::routed_receiver& rx, consumer_state& st) {
  for (;;) {
    auto batch = rx.try_drain(drain_budget_bytes);
    if (batch.empty()) {
      if (st.stop.load(std::memory_order_acquire) && rx.queued_events() == 0) return;
      if (auto one = rx.recv(std::chrono::milliseconds{1})) batch.push_back(std::move(*one));
      if (batch.empty()) continue;
    }
    const auto now = clock_type::now();
    for (const auto& ev : batch) {
      const auto* m = astrid::as_ipc(*ev);
      const auto& data = m->payload.get_if<astrid::payloads::custom>()->data;
      const clock_type::time_point sent{clock_type::duration{data.at("t").get<std::int64_t>()}};
      const auto wait = std::chrono::duration<double, std::micro>(now - sent).count();
      st.all_wait_us.push_back(wait);
      if (m->principal && *m->principal == "quiet") st.quiet_wait_us.push_back(wait);
    }
    st.last = now;
    st.drained.fetch_add(batch.size(), std::memory_order_release);
  }
}

std::size_t resident_bytes() {
  std::ifstream statm{"/proc/self/statm"};
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

double quantile(std::vector<double>& xs, double q) {
  if (xs.empty()) return 0.0;
  std::sort(xs.begin(), xs.end());
  return xs[static_cast<std::size_t>(static_cast<double>(xs.size() - 1) * q)];
}

std::int64_t stamp() { return clock_type::now().time_since_epoch().count(); }

// Posts `events` (principals round-robin, "quiet" every quiet_every-th),
// each stamped with its post time, paced against the consumer; returns the
// peak bytes the route held.
std::size_t publish_all(bus::event_bus& bus, bus::routed_receiver& rx, consumer_state& st,
                        std::size_t principals, std::uint64_t events, progress& bar) {
  std::vector<astrid::event> loud;
  for (std::size_t p = 0; p < principals; ++p)
    loud.push_back(routed_event("user-" + std::to_string(p), stamp()));
  const auto window = std::min<std::uint64_t>(max_window, window_per_principal * principals);
  std::size_t peak = 0;
  for (std::uint64_t s = 0; s < events; ++s) {
    if (s % 64 == 0) {
      while (s - st.drained.load(std::memory_order_acquire) >= window) std::this_thread::yield();
      peak = std::max(peak, rx.queued_bytes());
      if (s % 8192 == 0) bar.update(s);
    }
    if (s % quiet_every == quiet_every / 2) {
      bus.post(routed_event("quiet", stamp()));
    } else {
      auto ev = loud[s % principals];
      astrid::as_ipc(ev)->payload.get_if<astrid::payloads::custom>()->data["t"] = stamp();
      bus.post(std::move(ev));
    }
  }
  return peak;
}

}  // namespace

result routed(std::size_t principals, std::uint64_t events, progress& bar) {
  caf::actor_system_config cfg;
  configure_system(cfg);  // two scheduler threads, like the peers
  caf::actor_system sys{cfg};
  auto res = result::of("routed", principals, events);
  {
    bus::event_bus bus{sys};
    auto rx = bus.subscribe_routed(astrid::uuid::random(), "bench.routed.*", "bench", "bench");
    consumer_state st;
    st.all_wait_us.assign(events + 1, 0.0);  // resident before measuring memory
    st.all_wait_us.clear();
    const auto rss_before = resident_bytes();
    std::thread consumer{[&] { consume(rx, st); }};
    bar.start("routed P=" + std::to_string(principals), events);
    const auto t0 = clock_type::now();
    const auto peak = publish_all(bus, rx, st, principals, events, bar);
    const std::chrono::duration<double> in = clock_type::now() - t0;
    const auto rss_after = resident_bytes();
    auto flush = routed_event("flush", 0);  // IPC outside the pattern: follows every post
    astrid::as_ipc(flush)->topic = "bench.flush";
    bus.publish(std::move(flush));
    const auto stats = bus.stats();  // every post was routed by now
    st.stop.store(true, std::memory_order_release);
    consumer.join();
    bar.finish();
    const std::chrono::duration<double> out = st.last - t0;
    res.events_per_sec = static_cast<double>(events) / in.count();
    res.deliveries_per_sec = static_cast<double>(st.drained.load()) / out.count();
    res.p50_us = quantile(st.quiet_wait_us, 0.5);
    res.p99_us = quantile(st.quiet_wait_us, 0.99);
    res.lagged = stats.routed_evicted_total() + stats.routed_rejected_total();
    res.bytes_held = static_cast<double>(peak);
    char all[96];
    std::snprintf(all, sizeof all, "; all principals p50 %.1f us p99 %.1f us; rss +%zu KiB",
                  quantile(st.all_wait_us, 0.5), quantile(st.all_wait_us, 0.99),
                  (rss_after > rss_before ? rss_after - rss_before : 0) / 1024);
    res.note = "1 route, 1 KiB messages; p50/p99 = wait of the quietest principal";
    res.note += all;
  }
  return res;
}

}  // namespace astrid::cli::bench
