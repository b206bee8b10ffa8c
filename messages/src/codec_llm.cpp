// Codec entry points for the LLM types, and the one untagged type:
// MessageContent, tried as serde tries it (text, tool calls, tool result,
// content parts; the first that decodes wins).
#include "astrid/messages/codec.hpp"
#include "detail/codec_helpers.hpp"

namespace astrid {
namespace detail {
namespace {

// Decodes `j` as T into `out`; false (and `out` untouched) if it does not.
template <class T, class J>
bool try_read(const J& j, llm::message_content& out) {
  decode_context scratch;
  T value{};
  try {
    read(scratch, j, value);
  } catch (const decode_error&) {
    return false;
  }
  out = std::move(value);
  return true;
}

template <class J>
void read_content(decode_context& ctx, const J& j, llm::message_content& out) {
  if (j.is_string()) {
    std::string text;
    read(ctx, j, text);
    out = std::move(text);
    return;
  }
  if (try_read<std::vector<llm::tool_call>>(j, out) || try_read<llm::tool_call_result>(j, out) ||
      try_read<std::vector<llm::content_part>>(j, out)) {
    return;
  }
  ctx.fail("expected message content (text, tool calls, a tool result or content parts), got " +
           std::string(json_kind(j)) + " matching none");
}

}  // namespace

void read(decode_context& ctx, const json& j, llm::message_content& out) {
  read_content(ctx, j, out);
}
void read(decode_context& ctx, const tape_node& j, llm::message_content& out) {
  read_content(ctx, j, out);
}

void write(json_sink& s, const llm::message_content& x) {
  std::visit([&s](const auto& alt) { write(s, alt); }, x);
}

}  // namespace detail

llm::stream_event decode_stream_event(const nlohmann::json& j) {
  return detail::decode_as<llm::stream_event>(j);
}
llm::message decode_llm_message(const nlohmann::json& j) {
  return detail::decode_as<llm::message>(j);
}
llm::llm_response decode_llm_response(const nlohmann::json& j) {
  return detail::decode_as<llm::llm_response>(j);
}

nlohmann::json encode(const llm::stream_event& e) { return detail::encode_dom(e); }
nlohmann::json encode(const llm::message& m) { return detail::encode_dom(m); }
nlohmann::json encode(const llm::llm_response& r) { return detail::encode_dom(r); }
std::string encode_text(const llm::stream_event& e) { return detail::encode_str(e); }
std::string encode_text(const llm::message& m) { return detail::encode_str(m); }
std::string encode_text(const llm::llm_response& r) { return detail::encode_str(r); }

}  // namespace astrid
