// The fanout and latency scenarios of `astrid-bus bench` (see bench.hpp).
// In `fanout` and `latency` receivers run on plain threads and block in
// recv(), as an application's would; in `fanout-actors` they are actors of
// the bus's own system, subscribed with subscribe_actor (the shape a CAF
// runtime uses, and the match for tokio's tasks). The publisher posts, like
// the peers' publishers send.
#include "cli/bench.hpp"

#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace astrid::cli::bench {

namespace {

using clock_type = std::chrono::steady_clock;

struct alignas(64) counter {
  std::atomic<std::uint64_t> value{0};
};

// A system sized like the peers': two scheduler threads.
std::unique_ptr<caf::actor_system> make_system(caf::actor_system_config& cfg) {
  configure_system(cfg);
  return std::make_unique<caf::actor_system>(cfg);
}

astrid::event bench_event(const std::string& name, nlohmann::json data) {
  return astrid::event{astrid::event_metadata::make("bench"),
                       astrid::events::custom{name, std::move(data)}};
}

bool is_end(const astrid::event& ev) {
  return std::get<astrid::events::custom>(ev.data).name == "end";
}

// Consumes until the end marker; returns (received, lagged).
std::pair<std::uint64_t, std::uint64_t> consume(bus::event_receiver& rx, counter& progress) {
  std::uint64_t got = 0;
  volatile char sink = 0;
  for (;;) {
    auto ev = rx.recv(std::chrono::seconds{1});
    if (!ev) {
      if (rx.closed()) break;
      continue;
    }
    ++got;
    sink = std::get<astrid::events::custom>((*ev)->data).data.get_ref<const std::string&>()[0];
    progress.value.store(got, std::memory_order_relaxed);
    if (is_end(**ev)) break;
  }
  (void)sink;
  return {got, rx.drain_lagged()};
}

// What one actor subscriber of fanout-actors saw.
struct actor_tally {
  counter progress;
  std::atomic<std::uint64_t> lagged{0};
  std::atomic<bool> ended{false};
};

// Counts the events of each batch (its reply returns the credit).
caf::behavior counting_actor(caf::event_based_actor*, actor_tally* tally) {
  return {[=](const bus::event_batch& b) {
    volatile char sink = 0;
    for (const auto& ev : b.events)
      sink = std::get<astrid::events::custom>(ev->data).data.get_ref<const std::string&>()[0];
    (void)sink;
    tally->lagged.fetch_add(b.lagged, std::memory_order_relaxed);
    tally->progress.value.fetch_add(b.events.size(), std::memory_order_relaxed);
    if (is_end(*b.events.back())) tally->ended.store(true, std::memory_order_release);
  }};
}

// Blocks while the publisher at `sent` is `window` or more ahead of the slowest.
void pace(const std::vector<counter>& progress, std::uint64_t sent, std::uint64_t window) {
  for (;;) {
    std::uint64_t slowest = sent;
    for (const auto& p : progress) slowest = std::min(slowest, p.value.load(std::memory_order_relaxed));
    if (sent - slowest < window) return;
    std::this_thread::yield();
  }
}

}  // namespace

result fanout(std::size_t subscribers, std::uint64_t events, progress& bar) {
  caf::actor_system_config cfg;
  auto sys = make_system(cfg);
  auto res = result::of("fanout", subscribers, events);
  {
    bus::event_bus bus{*sys};
    const std::uint64_t window = bus.capacity() / 2;
    std::vector<counter> progress(subscribers);
    std::vector<std::pair<std::uint64_t, std::uint64_t>> outcome(subscribers);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < subscribers; ++i)
      threads.emplace_back([&, i, rx = bus.subscribe("bench")]() mutable {
        outcome[i] = consume(rx, progress[i]);
      });
    const auto tmpl = bench_event("astrid.v1.bench", std::string(64, '7'));
    bar.start("fanout S=" + std::to_string(subscribers), events);
    const auto t0 = clock_type::now();
    for (std::uint64_t s = 0; s < events; ++s) {
      if (s % 64 == 0) {
        pace(progress, s, window);
        if (s % 8192 == 0) bar.update(s);
      }
      auto ev = tmpl;
      if (s + 1 == events) std::get<astrid::events::custom>(ev.data).name = "end";
      bus.post(std::move(ev));
    }
    for (auto& t : threads) t.join();
    const std::chrono::duration<double> dt = clock_type::now() - t0;
    bar.finish();
    std::uint64_t delivered = 0;
    for (const auto& [got, lost] : outcome) {
      delivered += got;
      res.lagged += lost;
    }
    res.events_per_sec = static_cast<double>(events) / dt.count();
    res.deliveries_per_sec = static_cast<double>(delivered) / dt.count();
  }
  return res;
}

result fanout_actors(std::size_t subscribers, std::uint64_t events, progress& bar) {
  caf::actor_system_config cfg;
  auto sys = make_system(cfg);
  auto res = result::of("fanout-actors", subscribers, events);
  {
    bus::event_bus bus{*sys};
    const std::uint64_t window = bus.capacity() / 2;
    std::vector<actor_tally> tallies(subscribers);
    std::vector<caf::actor> actors;
    for (auto& t : tallies) {
      actors.push_back(sys->spawn(counting_actor, &t));
      bus.subscribe_actor(actors.back(), "", "bench");
    }
    std::vector<counter> progress(subscribers);
    const auto tmpl = bench_event("astrid.v1.bench", std::string(64, '7'));
    bar.start("fanout-actors S=" + std::to_string(subscribers), events);
    const auto t0 = clock_type::now();
    auto slowest = [&] {
      std::uint64_t n = UINT64_MAX;
      for (const auto& t : tallies) n = std::min(n, t.progress.value.load(std::memory_order_relaxed));
      return n;
    };
    for (std::uint64_t s = 0; s < events; ++s) {
      if (s % 64 == 0) {
        while (s - std::min(s, slowest()) >= window) std::this_thread::yield();
        if (s % 8192 == 0) bar.update(s);
      }
      auto ev = tmpl;
      if (s + 1 == events) std::get<astrid::events::custom>(ev.data).name = "end";
      bus.post(std::move(ev));
    }
    for (auto& t : tallies)
      while (!t.ended.load(std::memory_order_acquire)) std::this_thread::yield();
    const std::chrono::duration<double> dt = clock_type::now() - t0;
    bar.finish();
    std::uint64_t delivered = 0;
    for (const auto& t : tallies) {
      delivered += t.progress.value.load();
      res.lagged += t.lagged.load();
    }
    for (auto& a : actors) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    res.events_per_sec = static_cast<double>(events) / dt.count();
    res.deliveries_per_sec = static_cast<double>(delivered) / dt.count();
    res.note = "receivers: actors (subscribe_actor), 2 scheduler threads";
  }
  return res;
}

result latency(std::uint64_t events, std::uint64_t rate, progress& bar) {
  caf::actor_system_config cfg;
  auto sys = make_system(cfg);
  auto res = result::of("latency", 1, events);
  {
    bus::event_bus bus{*sys};
    std::vector<double> lat;
    lat.reserve(events);
    std::uint64_t lost = 0;
    std::thread receiver{[&, rx = bus.subscribe("bench")]() mutable {
      while (auto ev = rx.recv(std::chrono::seconds{5})) {
        const auto& c = std::get<astrid::events::custom>((*ev)->data);
        const auto sent = clock_type::time_point{clock_type::duration{c.data.get<std::int64_t>()}};
        lat.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - sent).count());
        if (c.name == "end") break;
      }
      lost = rx.drain_lagged();
    }};
    const auto gap = std::chrono::nanoseconds{1'000'000'000 / rate};
    bar.start("latency", events);
    const auto t0 = clock_type::now();
    for (std::uint64_t s = 0; s < events; ++s) {
      const auto due = t0 + gap * s;
      while (clock_type::now() < due) std::this_thread::yield();
      if (s % 4096 == 0) bar.update(s);
      auto ev = bench_event(s + 1 == events ? "end" : "astrid.v1.bench", 0);
      std::get<astrid::events::custom>(ev.data).data = clock_type::now().time_since_epoch().count();
      bus.post(std::move(ev));
    }
    receiver.join();
    const std::chrono::duration<double> dt = clock_type::now() - t0;
    bar.finish();
    std::sort(lat.begin(), lat.end());
    auto q = [&](double x) { return lat.empty() ? 0.0 : lat[static_cast<std::size_t>((lat.size() - 1) * x)]; };
    res.p50_us = q(0.5);
    res.p99_us = q(0.99);
    res.rate = rate;
    res.lagged = lost;
    res.events_per_sec = static_cast<double>(events) / dt.count();
    res.deliveries_per_sec = static_cast<double>(lat.size()) / dt.count();
  }
  return res;
}

}  // namespace astrid::cli::bench
