// Codec entry points for IPC: IpcPayload and IpcMessage decoding/encoding,
// the reference's from_json_value fallback and guest-byte rules, the names
// of a message's origin, and the message size the router and rate limiter
// charge.
#include "astrid/messages/codec.hpp"
#include "detail/codec_helpers.hpp"

namespace astrid {

namespace detail {

void read(decode_context& ctx, const json& j, ipc_payload& out) {
  read<json, ipc_payload>(ctx, j, out);
}
void read(decode_context& ctx, const tape_node& j, ipc_payload& out) {
  read<tape_node, ipc_payload>(ctx, j, out);
}

void write(json_sink& s, const ipc_payload& x) { write<ipc_payload>(s, x); }

}  // namespace detail

ipc_payload decode_ipc_payload(const nlohmann::json& j) {
  return detail::decode_as<ipc_payload>(j);
}

ipc_message decode_ipc_message(const nlohmann::json& j) {
  return detail::decode_as<ipc_message>(j);
}

ipc_payload decode_ipc_payload_text(std::string_view text) {
  return detail::decode_text_as<ipc_payload>(text);
}

ipc_message decode_ipc_message_text(std::string_view text) {
  return detail::decode_text_as<ipc_message>(text);
}

nlohmann::json encode(const ipc_payload& p) { return detail::encode_dom(p); }
nlohmann::json encode(const ipc_message& msg) { return detail::encode_dom(msg); }
std::string encode_text(const ipc_payload& p) { return detail::encode_str(p); }
std::string encode_text(const ipc_message& msg) { return detail::encode_str(msg); }

std::string encode_text(const nlohmann::json& j) {
  detail::text_sink s;
  s.value(j);
  return std::move(s.text());
}

ipc_payload from_json_value(const nlohmann::json& v) {
  using tags = detail::variant_tags<ipc_payload::variant_type>;
  if (v.is_object()) {
    auto t = v.find("type");
    if (t != v.end() && t->is_string()) {
      const auto& tag = t->get_ref<const std::string&>();
      if (tag != payloads::unknown::tag && tags::find(tag)) {
        try {
          return decode_ipc_payload(v);
        } catch (const decode_error&) {
          // Falls through: undecodable known-tag JSON is custom data.
        }
      }
    }
  }
  return payloads::custom{v};
}

std::string to_guest_bytes(const ipc_payload& p) {
  if (const auto* c = p.get_if<payloads::custom>()) return encode_text(c->data);
  if (const auto* r = p.get_if<payloads::raw_json>()) return encode_text(r->value);
  return encode_text(p);
}

std::string_view to_string(ipc_origin o) noexcept {
  return enum_names<ipc_origin>::values[static_cast<std::size_t>(o)];
}

std::optional<ipc_origin> parse_ipc_origin(std::string_view name) noexcept {
  const auto& names = enum_names<ipc_origin>::values;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<ipc_origin>(i);
  return std::nullopt;
}

std::size_t ipc_size(const ipc_message& msg) {
  return to_guest_bytes(msg.payload).size() + msg.topic.size();
}

}  // namespace astrid
