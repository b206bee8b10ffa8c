// Writes the seed corpora of the fuzz targets from what the tests already
// hold: the conformance vectors (tests/data/serde-vectors.ndjson), every
// event kind in its fullest and minimal form (tests/messages/sampler.hpp),
// IPC provenance at its edges, and the default configuration file (with
// metrics addresses at theirs).
// Usage: make_seeds VECTORS CONFIG OUT_DIR (writes OUT_DIR/<target>/).
#include "actors/nodes/protocol.hpp"
#include "actors/wire/event.hpp"
#include "tests/messages/sampler.hpp"

#include <astrid/messages/codec.hpp>

#include <caf/binary_serializer.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace astrid::bus;

namespace {

struct corpus {
  fs::path dir;
  std::size_t n = 0;
  void add(const std::string& bytes) {
    std::ofstream{dir / ("seed-" + std::to_string(n++)), std::ios::binary} << bytes;
  }
};

std::vector<astrid::event> every_kind() {
  std::vector<astrid::event> out;
  for (bool full : {true, false})
    for (std::size_t k = 0; k < std::variant_size_v<astrid::event_data>; ++k)
      out.push_back(astrid::event{astrid::event_metadata::make("seed"),
                                  astrid::test::sample_variant<astrid::event_data>(k, full)});
  return out;
}

// IpcMessage provenance at its edges: each origin, an unknown name (read
// as system), and what must be refused (a null or numeric origin, a
// numeric device key), as JSON; each origin on the wire.
void add_provenance_seeds(corpus& codec, corpus& wire) {
  const std::string head =
      R"({"topic":"t","payload":{"type":"connect"},"signature":null,)"
      R"("source_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6","seq":1,"principal":"alice",)";
  for (const char* tail :
       {R"("device_key_id":"k-1","origin":"local_socket"})",
        R"("device_key_id":"k-1","origin":"remote_gateway"})",
        R"("device_key_id":null,"origin":"quantum_link"})", R"("origin":null})",
        R"("origin":2})", R"("device_key_id":7})"})
    codec.add(head + tail);
  for (auto origin : {astrid::ipc_origin::local_socket, astrid::ipc_origin::remote_gateway}) {
    astrid::ipc_message msg;
    msg.topic = "t";
    msg.device_key_id = "k-1";
    msg.origin = origin;
    auto w = encode_for_wire(std::make_shared<const astrid::event>(astrid::make_ipc_event(msg)));
    wire.add(std::string(1, '\0') + std::string(w.encoded->begin(), w.encoded->end()));
  }
}

template <class T>
std::string caf_bytes(char tag, T x) {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  if (sink(x)) throw std::runtime_error{"cannot serialize a seed"};
  return std::string(1, tag) + std::string(buf.begin(), buf.end());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: make_seeds VECTORS CONFIG OUT_DIR\n";
    return 2;
  }
  const fs::path out{argv[3]};
  corpus codec{out / "codec_fuzz"}, wire{out / "wire_fuzz"}, topic{out / "topic_fuzz"},
      config{out / "config_fuzz"}, lines{out / "lines_fuzz"};
  for (auto* c : {&codec, &wire, &topic, &config, &lines}) fs::create_directories(c->dir);

  std::ifstream vectors{argv[1]};
  std::string line;
  std::string patterns = "", topics = "";
  while (std::getline(vectors, line)) {
    auto j = nlohmann::json::parse(line);
    if (j.value("kind", "") == "topic_match") {
      const auto p = j.at("pattern").get<std::string>(), t = j.at("topic").get<std::string>();
      topic.add(p + "\n" + t);
      patterns += p + "\n";
      topics += t + "\n";
    } else if (j.contains("input")) {
      codec.add(j.at("input").dump());
      lines.add(j.at("input").dump());
    }
  }
  topic.add(patterns + "--\n" + topics);

  for (const auto& ev : every_kind()) {
    codec.add(astrid::encode_text(ev));
    if (const auto* ipc = astrid::as_ipc(ev)) lines.add(astrid::encode_text(ipc->payload));
    auto w = encode_for_wire(std::make_shared<const astrid::event>(ev));
    wire.add(std::string(1, '\0') + std::string(w.encoded->begin(), w.encoded->end()));
  }
  add_provenance_seeds(codec, wire);
  auto kinds = every_kind();
  wire_batch batch;
  batch.lagged = 3;
  for (std::size_t i = 0; i < 3 && i < kinds.size(); ++i)
    batch.events.push_back(wire_event{std::make_shared<const astrid::event>(kinds[i])});
  wire.add(caf_bytes('\1', std::move(batch)));
  wire.add(caf_bytes('\2', detail::wire_route_spec{"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6", "t.*",
                                                   "capsule", "reader", true, "alice"}));
  bus_stats stats;
  stats.published["ipc"] = 7;
  stats.lagged["tail"] = 2;
  stats.routed_evicted["capsule"]["user"] = 1;
  stats.subscribers["receiver"] = 1;
  wire.add(caf_bytes('\3', std::move(stats)));

  std::ifstream cfg{argv[2]};
  std::stringstream text;
  text << cfg.rdbuf();
  config.add(text.str());
  config.add("capacity = 8\nlog_level = \"debug\"\n# comment\nport = 0\n");
  config.add("insecure_plaintext = true\nmax_message_bytes = 65536\n");
  // metrics addresses at their edges: valid, then each refused with its line
  config.add("metrics = 127.0.0.1:9464\nmetrics_label_limit = 5\n");
  for (const char* bad : {"99999", "65536", ":9464", "host:", "host:-1", "9464x", "[::1]:999999"})
    config.add(std::string{"capacity = 8\nmetrics = "} + bad + "\n");
  std::cout << "seeds: codec " << codec.n << ", wire " << wire.n << ", topic " << topic.n
            << ", config " << config.n << ", lines " << lines.n << "\n";
  return 0;
}
