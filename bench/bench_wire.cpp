// Node-to-node wire throughput: what one event costs to encode once for
// every remote receiver (encode_for_wire) and to decode on the receiving
// node (CAF's binary deserializer over a wire_batch of 256 events):
//   remote_bench_event  the event of `astrid-bus bench remote-fanout`
//   event_kinds_58      one full sample of each of the 58 event kinds
// Usage: bench_wire [--seconds S]; one JSON line per scenario and direction.
#include "actors/nodes/protocol.hpp"
#include "actors/wire/event.hpp"

#include <astrid/messages.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/messages/sampler.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
using astrid::bus::event_ptr;
using astrid::bus::wire_batch;

std::vector<event_ptr> remote_bench_events() {
  std::vector<event_ptr> out;
  for (std::uint64_t i = 0; i < 256; ++i) {
    astrid::ipc_message msg;
    msg.topic = "bench.remote";
    msg.payload =
        astrid::payloads::custom{nlohmann::json{{"i", i}, {"pad", std::string(48, 'x')}}};
    out.push_back(std::make_shared<const astrid::event>(astrid::make_ipc_event(std::move(msg))));
  }
  return out;
}

std::vector<event_ptr> all_kinds() {
  std::vector<event_ptr> out;
  for (std::size_t k = 0; k < std::variant_size_v<astrid::event_data>; ++k)
    out.push_back(std::make_shared<const astrid::event>(
        astrid::event{astrid::event_metadata::make("bench"),
                      astrid::test::sample_variant<astrid::event_data>(k, true)}));
  return out;
}

void report(const char* scenario, const char* op, std::uint64_t events, double secs,
            std::size_t bytes_per_event) {
  std::printf(
      "{\"bench\":\"wire\",\"scenario\":\"%s\",\"op\":\"%s\",\"events\":%llu,\"seconds\":%.3f,"
      "\"events_per_sec\":%.0f,\"bytes_per_event\":%zu}\n",
      scenario, op, static_cast<unsigned long long>(events), secs, events / secs, bytes_per_event);
  std::fflush(stdout);
}

void run(caf::actor_system& sys, const char* scenario, const std::vector<event_ptr>& events,
         double seconds) {
  std::uint64_t n = 0;
  std::size_t bytes = 0;
  auto start = clock_type::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const auto& ev : events) bytes += astrid::bus::encode_for_wire(ev).encoded->size();
    n += events.size();
    elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
  }
  report(scenario, "encode", n, elapsed, bytes / n);

  wire_batch batch;
  for (const auto& ev : events) batch.events.push_back(astrid::bus::encode_for_wire(ev));
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  if (sink(batch)) throw std::runtime_error{"bench_wire: cannot serialize"};
  n = 0;
  start = clock_type::now();
  elapsed = 0;
  while (elapsed < seconds) {
    wire_batch out;
    caf::binary_deserializer source{sys, buf};
    if (source(out)) throw std::runtime_error{"bench_wire: cannot deserialize"};
    n += out.events.size();
    elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
  }
  report(scenario, "decode", n, elapsed, buf.size() / events.size());
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 1.0;
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = std::stod(argv[++i]);
  caf::actor_system_config cfg;
  astrid::bus::detail::add_wire_types(cfg);
  caf::actor_system sys{cfg};
  run(sys, "remote_bench_event", remote_bench_events(), seconds);
  run(sys, "event_kinds_58", all_kinds(), seconds);
  return 0;
}
