// Codec throughput: JSON text in -> typed value -> JSON text out, the same
// scenario as the serde_json peer (/work/shared/peers/serde-json), so the
// figures compare as ratios measured on the same machine:
//   ipc_message_user_input_1k  an IpcMessage with a 1 KiB user_input
//   ipc_event_user_input_1k    the same message inside an `ipc` event
//   event_mix_<n>              the peer's mix: every event roundtrip vector
//   event_kinds_58             one sample of each of the 58 event kinds
// Usage: bench_codec [VECTORS.ndjson] [--seconds S]; one JSON line per scenario.
#include <astrid/messages.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tests/messages/sampler.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

// Decodes and re-encodes every input repeatedly for `seconds`; prints the rate.
template <class Decode>
void run(const std::string& scenario, const std::vector<std::string>& inputs, double seconds,
         Decode decode) {
  std::size_t bytes_per_pass = 0;
  for (const auto& s : inputs) bytes_per_pass += s.size();
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  std::size_t sink = 0;
  const auto start = clock_type::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const auto& s : inputs) sink ^= astrid::encode_text(decode(astrid::parse_json(s))).size();
    messages += inputs.size();
    bytes += bytes_per_pass;
    elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
  }
  std::printf(
      "{\"bench\":\"codec\",\"scenario\":\"%s\",\"messages\":%llu,\"seconds\":%.3f,"
      "\"messages_per_sec\":%.0f,\"mb_per_sec\":%.1f,\"sink\":%zu}\n",
      scenario.c_str(), static_cast<unsigned long long>(messages), elapsed, messages / elapsed,
      bytes / elapsed / 1e6, sink & 1);
  std::fflush(stdout);
}

// The peer's event mix: the `input` of every event roundtrip vector.
std::vector<std::string> event_vectors(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto v = nlohmann::json::parse(line, nullptr, false);
    if (v.is_object() && v.value("kind", "") == "event" && v.value("op", "") == "roundtrip") {
      out.push_back(v["input"].dump());
    }
  }
  return out;
}

// One event of each kind, filled through the field tables.
std::vector<std::string> every_event_kind() {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < std::variant_size_v<astrid::event_data>; ++i) {
    astrid::event ev{astrid::event_metadata::make("kernel"),
                     astrid::test::sample_variant<astrid::event_data>(i, i % 2 == 0)};
    out.push_back(astrid::encode_text(ev));
  }
  return out;
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

}  // namespace

int main(int argc, char** argv) {
  std::string vectors = "tests/data/serde-vectors.ndjson";
  double seconds = 2.0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--seconds" && i + 1 < argc) {
      seconds = std::stod(argv[++i]);
    } else {
      vectors = arg;
    }
  }
  const std::string ipc = ipc_sample();
  run("ipc_message_user_input_1k", {ipc}, seconds,
      [](const nlohmann::json& j) { return astrid::decode_ipc_message(j); });
  const std::string ipc_event = astrid::encode_text(
      astrid::make_ipc_event(astrid::decode_ipc_message(astrid::parse_json(ipc))));
  run("ipc_event_user_input_1k", {ipc_event}, seconds,
      [](const nlohmann::json& j) { return astrid::decode_event(j); });
  const auto mix = event_vectors(vectors);
  if (mix.empty()) {
    std::fprintf(stderr, "bench_codec: no event vectors in %s; skipping event_mix\n",
                 vectors.c_str());
  } else {
    run("event_mix_" + std::to_string(mix.size()), mix, seconds,
        [](const nlohmann::json& j) { return astrid::decode_event(j); });
  }
  run("event_kinds_58", every_event_kind(), seconds,
      [](const nlohmann::json& j) { return astrid::decode_event(j); });
  return 0;
}
