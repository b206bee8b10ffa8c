// Fuzzes the JSON codec: parse_json, then every schema kind's decoder on
// the value, then the round trip. Whatever decodes must encode, and its
// encoding must decode again to the same encoding:
// encode(decode(encode(x))) == encode(x). The text decoders, which read a
// tape instead of the tree, must decide every input as parse_json and the
// tree decoder do: the same value or the same error. Any other outcome is
// a crash.
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

// The outcome of `decode`: the value's encoding (after `align`, which
// gives an IpcMessage, whose missing timestamp means the time of its
// decode, a fixed one), or the error.
template <class Decode, class Align>
std::string outcome(Decode decode, Align align) {
  try {
    auto value = decode();
    align(value);
    return astrid::encode_text(value);
  } catch (const astrid::decode_error& e) {
    return std::string("decode_error: ") + e.what();
  } catch (const astrid::encode_error& e) {
    return std::string("encode_error: ") + e.what();
  }
}

template <class Text, class Tree, class Align>
void paths_agree(std::string_view text, Text by_text, Tree by_tree, Align align) {
  const auto a = outcome([&] { return by_text(text); }, align);
  const auto b = outcome([&] { return by_tree(astrid::parse_json(text)); }, align);
  if (a != b) std::abort();
}

constexpr auto no_align = [](const auto&) {};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  paths_agree(
      text, [](auto t) { return astrid::decode_event_text(t); },
      [](const auto& j) { return astrid::decode_event(j); },
      [](astrid::event& ev) {
        if (auto* m = astrid::as_ipc(ev)) m->timestamp = astrid::timestamp{};
      });
  paths_agree(
      text, [](auto t) { return astrid::decode_ipc_payload_text(t); },
      [](const auto& j) { return astrid::decode_ipc_payload(j); }, no_align);
  paths_agree(
      text, [](auto t) { return astrid::decode_ipc_message_text(t); },
      [](const auto& j) { return astrid::decode_ipc_message(j); },
      [](astrid::ipc_message& m) { m.timestamp = astrid::timestamp{}; });
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
