// The serde-compatible JSON codec (WIRE-FORMAT.md): decoding from JSON text
// or nlohmann::json values, encoding to nlohmann::json values or to compact
// text in serde's field order. Every function is driven by the field tables
// of describe.hpp, so there is no per-type hand-written JSON code.
#pragma once

#include "astrid/messages/decode_error.hpp"
#include "astrid/messages/encode_error.hpp"
#include "astrid/messages/event.hpp"
#include "astrid/messages/ipc.hpp"
#include "astrid/messages/kernel.hpp"
#include "astrid/messages/llm.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace astrid {

/// Deepest nesting of arrays/objects parse_json accepts: 127, i.e. a text
/// nesting 128 levels is refused, exactly like serde_json's recursion limit
/// of 128. It bounds every recursion of the codec, so hostile input such as
/// a million `[` cannot exhaust the stack.
inline constexpr std::size_t max_json_depth = 127;

/// Parses one JSON text (RFC 8259) as serde_json does: nesting deeper than
/// max_json_depth, invalid UTF-8, lone surrogate escapes, a byte-order mark,
/// trailing data and numbers beyond f64 are refused; "-0", fractions and
/// integers beyond 64 bits become f64; duplicate keys keep the last value.
/// Recursion is bounded by max_json_depth. Throws decode_error (path
/// "<root>", message "invalid JSON at line L column C: ...").
nlohmann::json parse_json(std::string_view text);

// ---- decoding (each throws decode_error naming the offending path) -------

/// AstridEvent from a JSON value. Throws decode_error.
event decode_event(const nlohmann::json& j);
/// IpcMessage; a missing timestamp means now. Throws decode_error.
ipc_message decode_ipc_message(const nlohmann::json& j);
/// IpcPayload; an unknown (string) "type" gives payloads::unknown.
/// Throws decode_error (not an object, "type" missing or not a string, bad field).
ipc_payload decode_ipc_payload(const nlohmann::json& j);
/// EventMetadata. Throws decode_error.
event_metadata decode_event_metadata(const nlohmann::json& j);
/// StreamEvent (`"Done"` and `{"Done":null}` both read). Throws decode_error.
llm::stream_event decode_stream_event(const nlohmann::json& j);
/// LLM Message (untagged content). Throws decode_error.
llm::message decode_llm_message(const nlohmann::json& j);
/// LlmResponse. Throws decode_error.
llm::llm_response decode_llm_response(const nlohmann::json& j);
/// KernelRequest. Throws decode_error.
kernel_request decode_kernel_request(const nlohmann::json& j);
/// KernelResponse. Throws decode_error.
kernel_response decode_kernel_response(const nlohmann::json& j);

/// JSON text straight to the value: the same value, or the same error, as
/// decode_event(parse_json(text)), without the tree. The text is read once
/// onto a flat tape of tokens whose strings point into it, and the fields
/// are read from there; only free-form members (custom data) become
/// nlohmann::json. About twice as fast: the bus's hot paths. Throws
/// decode_error (invalid JSON as parse_json, a bad field as decode_event).
event decode_event_text(std::string_view text);
/// As decode_ipc_message(parse_json(text)), without the tree. Throws decode_error.
ipc_message decode_ipc_message_text(std::string_view text);
/// As decode_ipc_payload(parse_json(text)), without the tree. Throws decode_error.
ipc_payload decode_ipc_payload_text(std::string_view text);

/// The payload for arbitrary capsule JSON: if `v` is an object whose "type"
/// is a known tag and it decodes, that payload; otherwise custom{v} (the
/// whole input). Never throws (except std::bad_alloc).
ipc_payload from_json_value(const nlohmann::json& v);

// ---- encoding to nlohmann::json (key order is nlohmann's) ----------------

/// AstridEvent. Throws encode_error (a raw_json payload holding a non-object).
nlohmann::json encode(const event& ev);
/// IpcMessage. Throws encode_error (a raw_json payload holding a non-object).
nlohmann::json encode(const ipc_message& msg);
/// IpcPayload. Throws encode_error (raw_json holding a non-object).
nlohmann::json encode(const ipc_payload& p);
/// EventMetadata. Never throws except std::bad_alloc.
nlohmann::json encode(const event_metadata& m);
/// StreamEvent. Never throws except std::bad_alloc.
nlohmann::json encode(const llm::stream_event& e);
/// LLM Message. Never throws except std::bad_alloc.
nlohmann::json encode(const llm::message& m);
/// LlmResponse. Never throws except std::bad_alloc.
nlohmann::json encode(const llm::llm_response& r);
/// KernelRequest. Never throws except std::bad_alloc.
nlohmann::json encode(const kernel_request& r);
/// KernelResponse. Never throws except std::bad_alloc.
nlohmann::json encode(const kernel_response& r);

// ---- encoding to compact text in serde's field order ----------------------
// Output matches serde_json byte for byte for values that came from valid
// JSON: "type" first, fields in declaration order, any-JSON objects with
// sorted keys, floats in ryu's shortest form ("50.0", "1e20"), non-finite
// floats as null. Strings holding invalid UTF-8 are written with U+FFFD.

/// AstridEvent as text. Throws encode_error like encode(const event&).
std::string encode_text(const event& ev);
/// IpcMessage as text. Throws encode_error like encode(const ipc_message&).
std::string encode_text(const ipc_message& msg);
/// IpcPayload as text. Throws encode_error like encode(const ipc_payload&).
std::string encode_text(const ipc_payload& p);
/// EventMetadata as text.
std::string encode_text(const event_metadata& m);
/// StreamEvent as text.
std::string encode_text(const llm::stream_event& e);
/// LLM Message as text.
std::string encode_text(const llm::message& m);
/// LlmResponse as text.
std::string encode_text(const llm::llm_response& r);
/// KernelRequest as text.
std::string encode_text(const kernel_request& r);
/// KernelResponse as text.
std::string encode_text(const kernel_response& r);
/// Any JSON value as compact text, formatted like serde_json.
std::string encode_text(const nlohmann::json& j);

/// The bytes handed to a guest capsule: for custom and raw_json the inner
/// data alone (compact JSON, no "type"); for every other payload its full
/// tagged encoding. Throws std::bad_alloc only.
std::string to_guest_bytes(const ipc_payload& p);

}  // namespace astrid
