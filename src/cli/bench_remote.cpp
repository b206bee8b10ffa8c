// Remote scenarios of `astrid-bus bench` (see bench_remote.hpp). Receivers of
// remote-fanout are child processes of this very binary (`tail --format
// none`), so the figure includes serialization, loopback TCP and the
// receiving node's decode, as NATS's does. The publisher is paced by what
// the receivers confirmed (bus_stats::acknowledged), as the peers are. A
// receiver that ends early, or receivers that stop confirming, end the
// benchmark with an error naming them within receiver_timeout.
#include "cli/bench_remote.hpp"

#include "cli/child_process.hpp"

#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <algorithm>
#include <memory>
#include <thread>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

namespace astrid::cli::bench {

namespace {

using clock_type = std::chrono::steady_clock;

// The event of the remote scenarios: an IPC message on bench.remote whose
// payload is 64 bytes of data, as the peers' and the local fanout's are.
astrid::event bench_event() {
  astrid::ipc_message msg;
  msg.topic = "bench.remote";
  msg.payload = astrid::payloads::custom{nlohmann::json(std::string(64, '7'))};
  return astrid::make_ipc_event(std::move(msg));
}

std::string self_path() {
  std::vector<char> buf(4096);
  auto n = ::readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0) throw std::runtime_error{"bench: cannot find /proc/self/exe"};
  return std::string(buf.data(), static_cast<std::size_t>(n));
}

// How long the benchmark waits for a receiver to subscribe, to confirm
// anything new, or to end after the last event, before it gives up.
constexpr std::chrono::seconds receiver_timeout{30};

// Starts a `tail` child receiving `events` events; returns once it reported
// its subscription. Throws std::runtime_error naming what went wrong.
std::unique_ptr<child_process> start_receiver(const std::string& exe, std::uint16_t port,
                                              std::uint64_t events, std::size_t number) {
  auto child = std::make_unique<child_process>(std::vector<std::string>{
      exe, "tail", "--connect", "127.0.0.1:" + std::to_string(port), "bench.*", "--format",
      "none", "--count", std::to_string(events)});
  if (!child->wait_for_line("subscribed", receiver_timeout))
    throw std::runtime_error{"bench: receiver " + std::to_string(number) + " (pid " +
                             std::to_string(child->pid()) + ") did not subscribe within " +
                             std::to_string(receiver_timeout.count()) + " s: " +
                             child->last_line()};
  return child;
}

// Throws std::runtime_error naming the first receiver that ended early.
void check_alive(std::vector<std::unique_ptr<child_process>>& children) {
  for (std::size_t i = 0; i < children.size(); ++i)
    if (auto status = children[i]->exited())
      throw std::runtime_error{"bench: receiver " + std::to_string(i + 1) + " (pid " +
                               std::to_string(children[i]->pid()) + ") ended early with " +
                               describe_status(*status) + ": " + children[i]->last_line()};
}

// Events the slowest of `receivers` remote receivers confirmed (0 until
// every one confirmed something).
std::uint64_t slowest_confirmed(const bus::event_bus& bus, std::size_t receivers) {
  const auto stats = bus.stats();
  if (stats.acknowledged.size() < receivers) return 0;
  std::uint64_t slowest = UINT64_MAX;
  for (const auto& [label, n] : stats.acknowledged) slowest = std::min(slowest, n);
  return slowest;
}

double percentile(std::vector<double>& xs, double p) {
  std::sort(xs.begin(), xs.end());
  return xs[static_cast<std::size_t>(p * static_cast<double>(xs.size() - 1))];
}

// An event like bench_event() whose 64-byte payload starts with `sent`
// (steady clock ticks) and a space, as the NATS peer's starts with its send
// time.
astrid::event stamped_event(clock_type::time_point sent) {
  auto text = std::to_string(sent.time_since_epoch().count()) + ' ';
  text.resize(64, '7');
  astrid::ipc_message msg;
  msg.topic = "bench.remote";
  msg.payload = astrid::payloads::custom{nlohmann::json(std::move(text))};
  return astrid::make_ipc_event(std::move(msg));
}

clock_type::time_point stamp_of(const astrid::event& ev) {
  const auto* payload = astrid::as_ipc(ev)->payload.get_if<astrid::payloads::custom>();
  return clock_type::time_point{clock_type::duration{std::stoll(payload->data.get<std::string>())}};
}

// Posts `events` stamped events at `rate` per second while a thread
// receives them, and appends each one's post-to-recv time to `us`. Events
// the receiver never got (it waits receiver_timeout for each) are missing
// from `us`.
void paced_latency(bus::event_bus& bus, bus::event_receiver& rx, std::uint64_t events,
                   std::uint64_t rate, std::vector<double>& us, progress& bar) {
  std::thread receiver{[&] {  // until every event arrived or was reported lost
    for (std::uint64_t lost = 0; us.size() + lost < events; lost += rx.drain_lagged()) {
      auto ev = rx.recv(receiver_timeout);
      if (!ev) break;
      const auto now = clock_type::now();
      us.push_back(std::chrono::duration<double, std::micro>(now - stamp_of(**ev)).count());
    }
  }};
  struct joined {  // the receiver ends by itself, at most receiver_timeout after the last post
    std::thread& t;
    ~joined() { t.join(); }
  } join_on_exit{receiver};
  const auto gap = std::chrono::nanoseconds{1'000'000'000 / rate};
  const auto t0 = clock_type::now();
  for (std::uint64_t s = 0; s < events; ++s) {
    const auto due = t0 + gap * s;
    while (clock_type::now() < due) std::this_thread::yield();
    if (s % 4096 == 0) bar.update(s);
    bus.post(stamped_event(clock_type::now()));
  }
}

}  // namespace

// Publishes `events`, never more than `ahead` past the slowest of the
// receivers, as the peers pace theirs (each stats() is a round trip to the
// bus). Throws std::runtime_error when a receiver ends early or none
// confirms anything new for receiver_timeout.
void publish_paced(bus::event_bus& bus, std::vector<std::unique_ptr<child_process>>& children,
                   std::uint64_t events, std::uint64_t ahead, progress& bar) {
  std::uint64_t slowest = 0;
  auto progressed = clock_type::now();
  for (std::uint64_t i = 0; i < events; ++i) {
    if (i % 1024 == 0) {
      while (i - std::min(i, slowest) > ahead) {
        check_alive(children);
        const auto now_slowest = slowest_confirmed(bus, children.size());
        if (now_slowest != slowest) {
          slowest = now_slowest;
          progressed = clock_type::now();
        } else if (clock_type::now() - progressed > receiver_timeout) {
          throw std::runtime_error{"bench: the receivers confirmed nothing new for " +
                                   std::to_string(receiver_timeout.count()) +
                                   " s (slowest at " + std::to_string(slowest) + " of " +
                                   std::to_string(i) + " events posted)"};
        } else {
          std::this_thread::yield();  // as the peers wait for their acknowledgements
        }
      }
      bar.update(i);
    }
    bus.post(bench_event());
  }
}

result remote_fanout(std::size_t receivers, std::uint64_t events, progress& bar) {
  caf::actor_system_config cfg;
  bus::configure(cfg);
  configure_system(cfg);
  caf::actor_system sys{cfg};
  auto r = result::of("remote-fanout", receivers, events);
  bus::bus_config bc;
  bc.capacity = static_cast<std::size_t>(events) + 1;  // lossless: measure throughput, not drops
  bc.log_level = "warn";
  {
    bus::event_bus bus{sys, bc};
    const auto port = bus.serve(0);
    const auto exe = self_path();
    std::vector<std::unique_ptr<child_process>> children;
    for (std::size_t i = 0; i < receivers; ++i)
      children.push_back(start_receiver(exe, port, events, i + 1));
    bar.start("remote-fanout", events);
    const auto t0 = clock_type::now();
    publish_paced(bus, children, events, 8192, bar);
    for (std::size_t i = 0; i < children.size(); ++i) {
      const int rc = children[i]->wait(receiver_timeout);
      if (rc != 0)
        throw std::runtime_error{"bench: receiver " + std::to_string(i + 1) + " (pid " +
                                 std::to_string(children[i]->pid()) + ") " +
                                 (rc < 0 ? "did not finish within " +
                                               std::to_string(receiver_timeout.count()) + " s"
                                         : "failed with exit code " + std::to_string(rc)) +
                                 ": " + children[i]->last_line()};
    }
    const std::chrono::duration<double> secs = clock_type::now() - t0;
    bar.finish();
    r.events_per_sec = static_cast<double>(events) / secs.count();
    r.deliveries_per_sec = r.events_per_sec * static_cast<double>(receivers);
    r.note = "receivers: astrid-bus tail processes over loopback";
  }
  return r;
}

result remote_latency(std::uint64_t events, std::uint64_t rate, progress& bar) {
  caf::actor_system_config scfg, ccfg;
  for (auto* c : {&scfg, &ccfg}) {
    bus::configure(*c);
    configure_system(*c);
  }
  caf::actor_system server{scfg}, client{ccfg};
  auto r = result::of("remote-latency", 1, events);
  std::vector<double> us;
  us.reserve(events);
  {
    bus::event_bus bus{server};
    auto remote = bus::event_bus::connect(client, "127.0.0.1", bus.serve(0));
    auto rx = remote.subscribe_topic("bench.*", "latency");
    bar.start("remote-latency", events);
    if (rate == 0) {  // one event in flight: post, then wait for it
      for (std::uint64_t i = 0; i < events; ++i) {
        const auto t0 = clock_type::now();
        bus.post(bench_event());
        if (!rx.recv(receiver_timeout)) throw std::runtime_error{"bench: event lost"};
        us.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - t0).count());
        if (i % 1024 == 0) bar.update(i);
      }
    } else {
      paced_latency(bus, rx, events, rate, us, bar);
      r.rate = rate;
      r.lagged = events - us.size();
    }
    bar.finish();
  }
  if (us.empty()) throw std::runtime_error{"bench: the receiver got no event"};
  r.p50_us = percentile(us, 0.50);
  r.p99_us = percentile(us, 0.99);
  r.note = rate == 0 ? "post on the owning node -> recv on another actor system, loopback TCP, "
                       "one event in flight"
                     : "post on the owning node -> recv on another actor system, loopback TCP, "
                       "paced";
  return r;
}

}  // namespace astrid::cli::bench
