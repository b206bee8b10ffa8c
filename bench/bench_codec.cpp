// Codec throughput on Google Benchmark: JSON text in -> typed value -> JSON
// text out (decode_*_text, then encode_text), the scenario of the serde_json peer (../shared/peers/serde-json),
// so figures compare as ratios measured on the same machine:
//   BM_codec/ipc_message_user_input_1k  an IpcMessage with a 1 KiB user_input
//   BM_codec/ipc_event_user_input_1k    the same message inside an `ipc` event
//   BM_codec/event_mix                  the peer's mix: every event roundtrip vector
//   BM_codec/event_kinds                one sample of each event kind
//   BM_codec_event_kind/K               event kind K alone (label: its type)
// Items are messages, bytes the JSON read, rates per wall-clock second as
// the peer measures them (bench/codec_rounds.py runs both). The vectors
// file is taken from ASTRID_VECTORS, else from the source tree.
#include <astrid/messages.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "tests/messages/sampler.hpp"

namespace {

using decoder = std::function<std::size_t(std::string_view)>;

std::size_t as_event(std::string_view text) {
  return astrid::encode_text(astrid::decode_event_text(text)).size();
}

std::size_t as_ipc_message(std::string_view text) {
  return astrid::encode_text(astrid::decode_ipc_message_text(text)).size();
}

void run(benchmark::State& state, const std::vector<std::string>& inputs, const decoder& decode) {
  if (inputs.empty()) return state.SkipWithError("no inputs (set ASTRID_VECTORS)");
  std::int64_t bytes = 0;
  std::size_t i = 0, sink = 0;
  for (auto _ : state) {
    const auto& s = inputs[i++ % inputs.size()];
    sink ^= decode(s);
    bytes += static_cast<std::int64_t>(s.size());
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}

std::string ipc_sample() {
  return nlohmann::json{{"topic", "astrid.v1.capsule.chat.in"},
                        {"payload",
                         {{"type", "user_input"},
                          {"text", std::string(1024, 'x')},
                          {"session_id", "default"},
                          {"context", nullptr}}},
                        {"signature", nullptr},
                        {"source_id", "6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"},
                        {"timestamp", "2025-03-04T05:06:07.123456789Z"},
                        {"seq", 7},
                        {"principal", "alice"}}
      .dump();
}

// The peer's event mix: the `input` of every event roundtrip vector.
std::vector<std::string> event_vectors() {
  const char* env = std::getenv("ASTRID_VECTORS");
  std::ifstream in(env != nullptr ? env : ASTRID_VECTORS_FILE);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    const auto v = nlohmann::json::parse(line, nullptr, false);
    if (v.is_object() && v.value("kind", "") == "event" && v.value("op", "") == "roundtrip")
      out.push_back(v["input"].dump());
  }
  return out;
}

std::string kind_sample(std::size_t k) {
  return astrid::encode_text(astrid::event{astrid::event_metadata::make("kernel"),
                                           astrid::test::sample_variant<astrid::event_data>(k, k % 2 == 0)});
}

constexpr std::size_t kinds = std::variant_size_v<astrid::event_data>;

void BM_codec_event_kind(benchmark::State& state) {
  const auto k = static_cast<std::size_t>(state.range(0));
  const auto text = kind_sample(k);
  state.SetLabel(std::string{astrid::event_type(astrid::decode_event(astrid::parse_json(text)))});
  run(state, {text}, as_event);
}

int register_scenarios() {
  const auto ipc = ipc_sample();
  const auto ipc_event = astrid::encode_text(
      astrid::make_ipc_event(astrid::decode_ipc_message(astrid::parse_json(ipc))));
  std::vector<std::string> all_kinds;
  for (std::size_t k = 0; k < kinds; ++k) all_kinds.push_back(kind_sample(k));
  benchmark::RegisterBenchmark("BM_codec/ipc_message_user_input_1k",
                               [=](benchmark::State& s) { run(s, {ipc}, as_ipc_message); })
      ->UseRealTime();
  benchmark::RegisterBenchmark("BM_codec/ipc_event_user_input_1k",
                               [=](benchmark::State& s) { run(s, {ipc_event}, as_event); })
      ->UseRealTime();
  benchmark::RegisterBenchmark("BM_codec/event_mix",
                               [mix = event_vectors()](benchmark::State& s) { run(s, mix, as_event); })
      ->UseRealTime();
  benchmark::RegisterBenchmark("BM_codec/event_kinds",
                               [=](benchmark::State& s) { run(s, all_kinds, as_event); })
      ->UseRealTime();
  return 0;
}

const int registered = register_scenarios();

}  // namespace

BENCHMARK(BM_codec_event_kind)->DenseRange(0, kinds - 1)->UseRealTime();

BENCHMARK_MAIN();
