// Shared helpers of the astrid::messages suites: the conformance vectors,
// a kind-name → round-trip function table (the same kinds as
// `astrid-bus codec`) and semantic JSON comparison.
#pragma once

#include <astrid/messages.hpp>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "sampler.hpp"

namespace astrid::test {

using json = nlohmann::json;

/// Every non-empty line of tests/data/serde-vectors.ndjson.
inline const std::vector<std::string>& vector_lines() {
  static const std::vector<std::string> all = [] {
    std::ifstream in(ASTRID_TEST_DATA_DIR "/serde-vectors.ndjson");
    if (!in) throw std::runtime_error("cannot open serde-vectors.ndjson");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) out.push_back(line);
    }
    return out;
  }();
  return all;
}

/// Every vector, parsed.
inline const std::vector<json>& vectors() {
  static const std::vector<json> all = [] {
    std::vector<json> out;
    for (const auto& line : vector_lines()) out.push_back(json::parse(line));
    return out;
  }();
  return all;
}

/// Decode as `kind`, then encode to a DOM. Throws decode_error.
using roundtrip_fn = std::function<json(const json&)>;

/// The decodable kinds of the vectors and their decode+encode function.
inline const std::map<std::string, roundtrip_fn>& roundtrips() {
  static const std::map<std::string, roundtrip_fn> table{
      {"ipc_payload", [](const json& j) { return encode(decode_ipc_payload(j)); }},
      {"ipc_message", [](const json& j) { return encode(decode_ipc_message(j)); }},
      {"event", [](const json& j) { return encode(decode_event(j)); }},
      {"event_metadata", [](const json& j) { return encode(decode_event_metadata(j)); }},
      {"stream_event", [](const json& j) { return encode(decode_stream_event(j)); }},
      {"llm_message", [](const json& j) { return encode(decode_llm_message(j)); }},
      {"llm_response", [](const json& j) { return encode(decode_llm_response(j)); }},
      {"kernel_request", [](const json& j) { return encode(decode_kernel_request(j)); }},
      {"kernel_response", [](const json& j) { return encode(decode_kernel_response(j)); }},
  };
  return table;
}

/// Same as roundtrips(), but through encode_text and back through parse_json.
inline json roundtrip_text(const std::string& kind, const json& j) {
  if (kind == "ipc_payload") return parse_json(encode_text(decode_ipc_payload(j)));
  if (kind == "ipc_message") return parse_json(encode_text(decode_ipc_message(j)));
  if (kind == "event") return parse_json(encode_text(decode_event(j)));
  if (kind == "event_metadata") return parse_json(encode_text(decode_event_metadata(j)));
  if (kind == "stream_event") return parse_json(encode_text(decode_stream_event(j)));
  if (kind == "llm_message") return parse_json(encode_text(decode_llm_message(j)));
  if (kind == "llm_response") return parse_json(encode_text(decode_llm_response(j)));
  if (kind == "kernel_request") return parse_json(encode_text(decode_kernel_request(j)));
  return parse_json(encode_text(decode_kernel_response(j)));
}

/// The kinds with a text decoder (decode_*_text).
inline bool has_text_decoder(const std::string& kind) {
  return kind == "event" || kind == "ipc_message" || kind == "ipc_payload";
}

/// Decodes `text` as `kind` (one of has_text_decoder's) through the text
/// decoder (text_path) or parse_json and the DOM decoder; returns the
/// value's encoding or "decode_error: <what>". An IpcMessage without a
/// timestamp takes the time of its decode, so a caller comparing two paths
/// should ignore "timestamp" there.
inline std::string decode_via(const std::string& kind, const std::string& text, bool text_path) {
  try {
    if (kind == "event")
      return encode_text(text_path ? decode_event_text(text) : decode_event(parse_json(text)));
    if (kind == "ipc_message")
      return encode_text(text_path ? decode_ipc_message_text(text)
                                   : decode_ipc_message(parse_json(text)));
    return encode_text(text_path ? decode_ipc_payload_text(text)
                                 : decode_ipc_payload(parse_json(text)));
  } catch (const decode_error& e) {
    return std::string("decode_error: ") + e.what();
  }
}

/// `v` without the object keys in `ignore`, at any depth.
inline json strip_keys(const json& v, const json& ignore) {
  if (v.is_object()) {
    json out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      bool skip = false;
      for (const auto& k : ignore) skip = skip || k == it.key();
      if (!skip) out[it.key()] = strip_keys(it.value(), ignore);
    }
    return out;
  }
  if (v.is_array()) {
    json out = json::array();
    for (const auto& e : v) out.push_back(strip_keys(e, ignore));
    return out;
  }
  return v;
}

}  // namespace astrid::test
