// Internal: the three moves every public codec function makes (decode a
// value, encode to a DOM, encode to text), written once.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "astrid/messages/codec.hpp"
#include "json_read.hpp"
#include "json_write.hpp"

namespace astrid::detail {

/// Payload reading/writing is compiled once, in codec_ipc.cpp; these exact
/// overloads win over the generic templates everywhere else.
void read(decode_context& ctx, const json& j, ipc_payload& out);
void read(decode_context& ctx, const tape_node& j, ipc_payload& out);
void write(json_sink& s, const ipc_payload& x);

/// Decodes a T from j. Throws decode_error.
template <class T>
T decode_as(const nlohmann::json& j) {
  decode_context ctx;
  T out{};
  read(ctx, j, out);
  return out;
}

/// Parses `text` onto a tape and decodes a T from it: no tree is built but
/// for the free-form (nlohmann::json) members. Throws decode_error (invalid
/// JSON, as parse_json would, or a schema mismatch).
template <class T>
T decode_text_as(std::string_view text) {
  const tape parsed{text};
  decode_context ctx;
  T out{};
  read(ctx, parsed.root(), out);
  return out;
}

/// Encodes x as a nlohmann::json value.
template <class T>
nlohmann::json encode_dom(const T& x) {
  dom_sink s;
  write(s, x);
  return std::move(s.result());
}

/// Encodes x as compact serde-order text.
template <class T>
std::string encode_str(const T& x) {
  text_sink s;
  write(s, x);
  return std::move(s.text());
}

}  // namespace astrid::detail
