// The tool's line readers (see line_readers.hpp).
#include "cli/line_readers.hpp"

#include <astrid/messages/codec.hpp>

#include <exception>
#include <map>

namespace astrid::cli {

namespace {

const std::map<std::string, line_codec>& roundtrip_codecs() {
  static const std::map<std::string, line_codec> codecs{
      {"ipc_payload", [](const auto& j) { return encode_text(decode_ipc_payload(j)); }},
      {"ipc_message", [](const auto& j) { return encode_text(decode_ipc_message(j)); }},
      {"event", [](const auto& j) { return encode_text(decode_event(j)); }},
      {"event_metadata", [](const auto& j) { return encode_text(decode_event_metadata(j)); }},
      {"stream_event", [](const auto& j) { return encode_text(decode_stream_event(j)); }},
      {"llm_message", [](const auto& j) { return encode_text(decode_llm_message(j)); }},
      {"llm_response", [](const auto& j) { return encode_text(decode_llm_response(j)); }},
      {"kernel_request", [](const auto& j) { return encode_text(decode_kernel_request(j)); }},
      {"kernel_response", [](const auto& j) { return encode_text(decode_kernel_response(j)); }},
  };
  return codecs;
}

}  // namespace

astrid::ipc_payload pub_payload(std::string_view line) {
  auto j = parse_json(line);
  if (j.is_object() && j.contains("type")) return decode_ipc_payload(j);
  return payloads::custom{std::move(j)};
}

std::vector<std::string> codec_kinds() {
  std::vector<std::string> kinds;
  for (const auto& [name, codec] : roundtrip_codecs()) kinds.push_back(name);
  return kinds;
}

line_codec select_codec(const std::string& kind, const std::string& op) {
  if (op == "roundtrip") return roundtrip_codecs().at(kind);
  if (kind != "ipc_payload") return {};
  if (op == "from-json-value") {
    return [](const nlohmann::json& j) { return encode_text(from_json_value(j)); };
  }
  return [](const nlohmann::json& j) { return to_guest_bytes(decode_ipc_payload(j)); };
}

std::string codec_line(const line_codec& codec, std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  try {
    return codec(parse_json(line));
  } catch (const std::exception& e) {  // decode_error, encode_error
    return encode_text(nlohmann::json{{"error", e.what()}});
  }
}

}  // namespace astrid::cli
