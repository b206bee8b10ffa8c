// Fuzzes the JSON codec: parse_json, then every schema kind's decoder on
// the value, then the round trip. Whatever decodes must encode, and its
// encoding must decode again to the same encoding:
// encode(decode(encode(x))) == encode(x). Any other outcome is a crash.
#include <astrid/messages.hpp>
#include <astrid/messages/codec.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

template <class Decode>
void round_trip(const nlohmann::json& j, Decode decode) {
  std::string first;
  try {
    first = astrid::encode_text(decode(j));
  } catch (const astrid::decode_error&) {
    return;  // refused with a named path: fine
  } catch (const astrid::encode_error&) {
    return;  // decoded but not encodable (a value serde refuses too)
  }
  // What we wrote must read back, and write the same bytes.
  const auto second = astrid::encode_text(decode(astrid::parse_json(first)));
  if (second != first) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  nlohmann::json j;
  try {
    j = astrid::parse_json(text);
  } catch (const astrid::decode_error&) {
    return 0;
  }
  round_trip(j, [](const auto& v) { return astrid::decode_event(v); });
  round_trip(j, [](const auto& v) { return astrid::decode_ipc_message(v); });
  round_trip(j, [](const auto& v) { return astrid::decode_ipc_payload(v); });
  round_trip(j, [](const auto& v) { return astrid::decode_event_metadata(v); });
  round_trip(j, [](const auto& v) { return astrid::decode_stream_event(v); });
  round_trip(j, [](const auto& v) { return astrid::decode_llm_message(v); });
  round_trip(j, [](const auto& v) { return astrid::decode_llm_response(v); });
  round_trip(j, [](const auto& v) { return astrid::decode_kernel_request(v); });
  round_trip(j, [](const auto& v) { return astrid::decode_kernel_response(v); });
  round_trip(j, [](const auto& v) { return astrid::from_json_value(v); });
  try {
    (void)astrid::to_guest_bytes(astrid::decode_ipc_payload(j));
  } catch (const astrid::decode_error&) {
  } catch (const astrid::encode_error&) {
  }
  return 0;
}
