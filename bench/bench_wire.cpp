// Node-to-node format throughput on Google Benchmark: what one event costs
// to encode once for every remote receiver (encode_for_wire), and to decode
// on the receiving node (CAF's binary deserializer over a wire_batch of the
// scenario's events):
//   BM_wire_encode/remote_bench_event, BM_wire_decode/remote_bench_event
//       the event of `astrid-bus bench remote-fanout`, 256 of them
//   BM_wire_encode/event_kinds, BM_wire_decode/event_kinds
//       one full sample of each event kind
// Items are events, bytes their encoding.
#include "actors/nodes/protocol.hpp"
#include "actors/wire/event.hpp"

#include <astrid/messages.hpp>

#include <benchmark/benchmark.h>

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

#include <string>
#include <vector>

#include "tests/messages/sampler.hpp"

namespace {

using astrid::bus::event_ptr;
using astrid::bus::wire_batch;

std::vector<event_ptr> remote_bench_events() {
  std::vector<event_ptr> out;
  for (std::uint64_t i = 0; i < 256; ++i) {
    astrid::ipc_message msg;
    msg.topic = "bench.remote";
    msg.payload = astrid::payloads::custom{nlohmann::json(std::string(64, '7'))};
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

void encode(benchmark::State& state, const std::vector<event_ptr>& events) {
  std::int64_t bytes = 0;
  std::size_t i = 0;
  for (auto _ : state) {
    auto w = astrid::bus::encode_for_wire(events[i++ % events.size()]);
    bytes += static_cast<std::int64_t>(w.encoded->size());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}

void decode(benchmark::State& state, const std::vector<event_ptr>& events) {
  wire_batch batch;
  for (const auto& ev : events) batch.events.push_back(astrid::bus::encode_for_wire(ev));
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  if (sink(batch)) return state.SkipWithError("cannot serialize the batch");
  for (auto _ : state) {
    wire_batch out;
    caf::binary_deserializer source{nullptr, buf};
    if (source(out)) return state.SkipWithError("cannot deserialize the batch");
    benchmark::DoNotOptimize(out.events.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(events.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(buf.size()));
}

int register_scenarios() {
  for (auto& [name, events] : {std::pair{std::string{"remote_bench_event"}, remote_bench_events()},
                               std::pair{std::string{"event_kinds"}, all_kinds()}}) {
    benchmark::RegisterBenchmark(("BM_wire_encode/" + name).c_str(),
                                 [events = events](benchmark::State& s) { encode(s, events); });
    benchmark::RegisterBenchmark(("BM_wire_decode/" + name).c_str(),
                                 [events = events](benchmark::State& s) { decode(s, events); });
  }
  return 0;
}

const int registered = register_scenarios();

}  // namespace

BENCHMARK_MAIN();
