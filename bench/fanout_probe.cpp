// A fixed amount of fan-out work for instruction and syscall counts:
//   fanout_probe threads|actors SUBSCRIBERS EVENTS
// posts EVENTS events to SUBSCRIBERS receivers (threads blocked in recv, or
// actors subscribed with subscribe_actor) and exits once each has them all.
// It uses the public API only, so the same source builds against any
// version of the library and the counts compare:
//   valgrind --tool=callgrind fanout_probe threads 10 20000
//   perf stat -e raw_syscalls:sys_enter,context-switches fanout_probe threads 10 200000
// The publisher stays within half the queue of the slowest receiver (as
// `astrid-bus bench` does) through wait_for_slowest, a function of its own
// so its cost can be told apart in a profile. Prints one JSON line.
#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

struct alignas(64) tally {
  std::atomic<std::uint64_t> got{0};
  std::atomic<std::uint64_t> lagged{0};
  std::atomic<std::uint64_t> batches{0};  // event_batches received (actors only)
  std::atomic<bool> ended{false};
};

bool is_end(const astrid::event& ev) { return std::get<astrid::events::custom>(ev.data).name == "end"; }

void receive_on_thread(astrid::bus::event_receiver rx, tally& t) {
  for (;;) {
    auto ev = rx.recv(std::chrono::seconds{1});
    if (!ev) {
      if (rx.closed()) break;
      continue;
    }
    t.got.fetch_add(1, std::memory_order_relaxed);
    if (is_end(**ev)) break;
  }
  t.lagged.store(rx.drain_lagged());
  t.ended.store(true, std::memory_order_release);
}

caf::behavior counting_actor(caf::event_based_actor*, tally* t) {
  return {[=](const astrid::bus::event_batch& b) {
    t->lagged.fetch_add(b.lagged, std::memory_order_relaxed);
    t->got.fetch_add(b.events.size(), std::memory_order_relaxed);
    t->batches.fetch_add(1, std::memory_order_relaxed);
    if (!b.events.empty() && is_end(*b.events.back())) t->ended.store(true, std::memory_order_release);
  }};
}

[[gnu::noinline]] void wait_for_slowest(const std::vector<tally>& tallies, std::uint64_t sent,
                                        std::uint64_t window) {
  for (;;) {
    std::uint64_t slowest = sent;
    for (const auto& t : tallies) slowest = std::min(slowest, t.got.load(std::memory_order_relaxed));
    if (sent - slowest < window) return;
    std::this_thread::yield();
  }
}

[[gnu::noinline]] void wait_for_all(const std::vector<tally>& tallies) {
  for (const auto& t : tallies)
    while (!t.ended.load(std::memory_order_acquire)) std::this_thread::yield();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || (std::string{argv[1]} != "threads" && std::string{argv[1]} != "actors")) {
    std::fprintf(stderr, "usage: fanout_probe threads|actors SUBSCRIBERS EVENTS\n");
    return 2;
  }
  const bool actors = std::string{argv[1]} == "actors";
  const auto subscribers = std::strtoull(argv[2], nullptr, 10);
  const auto events = std::strtoull(argv[3], nullptr, 10);
  if (subscribers == 0 || events == 0) {
    std::fprintf(stderr, "fanout_probe: SUBSCRIBERS and EVENTS must be positive integers\n");
    return 2;
  }
  caf::actor_system_config cfg;
  cfg.set("scheduler.max-threads", 2);  // as `astrid-bus bench` and the peers
  cfg.set("work-stealing.moderate-poll-attempts", 0);
  caf::actor_system sys{cfg};
  std::vector<tally> tallies(subscribers);
  std::uint64_t delivered = 0, lagged = 0, batches = 0;
  {
    astrid::bus::event_bus bus{sys};
    const std::uint64_t window = bus.capacity() / 2;
    std::vector<std::thread> threads;
    std::vector<caf::actor> subs;
    for (auto& t : tallies) {
      if (actors) {
        subs.push_back(sys.spawn(counting_actor, &t));
        bus.subscribe_actor(subs.back(), "", "probe");
      } else {
        threads.emplace_back(receive_on_thread, bus.subscribe("probe"), std::ref(t));
      }
    }
    const astrid::event tmpl{astrid::event_metadata::make("probe"),
                             astrid::events::custom{"astrid.v1.probe", std::string(64, '7')}};
    const auto t0 = std::chrono::steady_clock::now();
    for (std::uint64_t s = 0; s < events; ++s) {
      if (s % 64 == 0) wait_for_slowest(tallies, s, window);
      auto ev = tmpl;
      if (s + 1 == events) std::get<astrid::events::custom>(ev.data).name = "end";
      bus.post(std::move(ev));
    }
    wait_for_all(tallies);
    const std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    for (auto& t : threads) t.join();
    for (auto& a : subs) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    for (const auto& t : tallies) {
      delivered += t.got.load();
      lagged += t.lagged.load();
      batches += t.batches.load();
    }
    std::printf("{\"mode\":\"%s\",\"subscribers\":%llu,\"events\":%llu,\"delivered\":%llu,\"lagged\":%llu,"
                "\"batches\":%llu,\"deliveries_per_sec\":%.0f}\n",
                argv[1], static_cast<unsigned long long>(subscribers), static_cast<unsigned long long>(events),
                static_cast<unsigned long long>(delivered), static_cast<unsigned long long>(lagged),
                static_cast<unsigned long long>(batches), static_cast<double>(delivered) / dt.count());
  }
  return delivered == subscribers * events ? 0 : 1;
}
