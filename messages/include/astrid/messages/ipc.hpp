// IPC schemas: the messages sandboxed capsules publish on dotted topics
// (IpcMessage) and the payloads they carry (IpcPayload, 18 kinds plus
// `unknown` for tags this build does not know, so newer capsules never break
// older kernels).
#pragma once

#include "astrid/messages/llm.hpp"
#include "astrid/messages/onboarding.hpp"
#include "astrid/messages/tagged.hpp"
#include "astrid/messages/timestamp.hpp"
#include "astrid/messages/uuid.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace astrid {

/// Alternatives of ipc_payload; each `tag` is the JSON "type" value and the
/// members are named as their JSON fields.
namespace payloads {

/// A JSON object whose keys sit beside "type" (`{"type":"raw_json","k":1}`).
/// Encoding a non-object `value` throws encode_error.
struct raw_json {
  static constexpr std::string_view tag = "raw_json";
  nlohmann::json value = nlohmann::json::object();
  friend bool operator==(const raw_json&, const raw_json&) = default;
};
/// Text typed by the user.
struct user_input {
  static constexpr std::string_view tag = "user_input";
  std::string text{};                       ///< req
  std::string session_id = "default";     ///< default "default"
  std::optional<nlohmann::json> context{};  ///< opt-omit, any JSON
  friend bool operator==(const user_input&, const user_input&) = default;
};
/// A (possibly partial) agent reply.
struct agent_response {
  static constexpr std::string_view tag = "agent_response";
  std::string text{};                    ///< req
  bool is_final = false;               ///< req
  std::string session_id = "default";  ///< default "default"
  friend bool operator==(const agent_response&, const agent_response&) = default;
};
/// The agent asks the user to approve an action.
struct approval_required {
  static constexpr std::string_view tag = "approval_required";
  std::string request_id{};  ///< req
  std::string action{};  ///< req
  std::string resource{};  ///< req
  std::string reason{};  ///< req
  friend bool operator==(const approval_required&, const approval_required&) = default;
};
/// The user's decision on an approval_required.
struct approval_response {
  static constexpr std::string_view tag = "approval_response";
  std::string request_id{};             ///< req
  std::string decision{};               ///< req
  std::optional<std::string> reason{};  ///< opt-omit
  friend bool operator==(const approval_response&, const approval_response&) = default;
};
/// A capsule needs configuration values before it can run.
struct onboarding_required {
  static constexpr std::string_view tag = "onboarding_required";
  std::string capsule_id{};                ///< req
  std::vector<onboarding_field> fields{};  ///< req
  friend bool operator==(const onboarding_required&, const onboarding_required&) = default;
};
/// A model request.
struct llm_request {
  static constexpr std::string_view tag = "llm_request";
  uuid request_id{};                          ///< req
  std::string model{};                        ///< req
  std::vector<llm::message> messages{};       ///< req
  std::vector<llm::tool_definition> tools{};  ///< req
  std::string system{};                       ///< req
  friend bool operator==(const llm_request&, const llm_request&) = default;
};
/// One increment of a streamed model response.
struct llm_stream_event {
  static constexpr std::string_view tag = "llm_stream_event";
  uuid request_id{};          ///< req
  llm::stream_event event{};  ///< req
  friend bool operator==(const llm_stream_event&, const llm_stream_event&) = default;
};
/// A complete model response.
struct llm_response {
  static constexpr std::string_view tag = "llm_response";
  uuid request_id{};              ///< req
  llm::llm_response response{};   ///< req
  friend bool operator==(const llm_response&, const llm_response&) = default;
};
/// Run a tool.
struct tool_execute_request {
  static constexpr std::string_view tag = "tool_execute_request";
  std::string call_id{};       ///< req
  std::string tool_name{};     ///< req
  nlohmann::json arguments{};  ///< req, any JSON
  friend bool operator==(const tool_execute_request&, const tool_execute_request&) = default;
};
/// The result of a tool run.
struct tool_execute_result {
  static constexpr std::string_view tag = "tool_execute_result";
  std::string call_id{};            ///< req
  llm::tool_call_result result{};   ///< req
  friend bool operator==(const tool_execute_result&, const tool_execute_result&) = default;
};
/// Cancel running tool calls.
struct tool_cancel_request {
  static constexpr std::string_view tag = "tool_cancel_request";
  std::vector<std::string> call_ids{};  ///< req
  friend bool operator==(const tool_cancel_request&, const tool_cancel_request&) = default;
};
/// Ask the user to pick one option; the answer goes to callback_topic.
struct selection_required {
  static constexpr std::string_view tag = "selection_required";
  std::string request_id{};                 ///< req
  std::string title{};                      ///< req
  std::vector<selection_option> options{};  ///< req
  std::string callback_topic{};             ///< req
  friend bool operator==(const selection_required&, const selection_required&) = default;
};
/// Ask the user for one field's value.
struct elicit_request {
  static constexpr std::string_view tag = "elicit_request";
  uuid request_id{};         ///< req
  std::string capsule_id{};  ///< req
  onboarding_field field{};  ///< req
  friend bool operator==(const elicit_request&, const elicit_request&) = default;
};
/// The user's answer to an elicit_request; neither value = cancelled.
struct elicit_response {
  static constexpr std::string_view tag = "elicit_response";
  uuid request_id{};                                 ///< req
  std::optional<std::string> value{};                ///< opt-omit
  std::optional<std::vector<std::string>> values{};  ///< opt-omit
  friend bool operator==(const elicit_response&, const elicit_response&) = default;
};
/// A client connected: `{"type":"connect"}`.
struct connect {
  static constexpr std::string_view tag = "connect";
  friend bool operator==(const connect&, const connect&) = default;
};
/// A client disconnected.
struct disconnect {
  static constexpr std::string_view tag = "disconnect";
  std::optional<std::string> reason{};  ///< opt-omit
  friend bool operator==(const disconnect&, const disconnect&) = default;
};
/// Capsule-defined data.
struct custom {
  static constexpr std::string_view tag = "custom";
  nlohmann::json data{};  ///< req, any JSON (null allowed)
  friend bool operator==(const custom&, const custom&) = default;
};
/// Any tag this build does not know; encodes as `{"type":"unknown"}`.
struct unknown {
  static constexpr std::string_view tag = "unknown";
  friend bool operator==(const unknown&, const unknown&) = default;
};

}  // namespace payloads

/// IpcPayload: internally tagged by "type". Default value: an empty raw_json.
struct ipc_payload
    : tagged_union<payloads::raw_json, payloads::user_input, payloads::agent_response,
                   payloads::approval_required, payloads::approval_response,
                   payloads::onboarding_required, payloads::llm_request,
                   payloads::llm_stream_event, payloads::llm_response,
                   payloads::tool_execute_request, payloads::tool_execute_result,
                   payloads::tool_cancel_request, payloads::selection_required,
                   payloads::elicit_request, payloads::elicit_response, payloads::connect,
                   payloads::disconnect, payloads::custom, payloads::unknown> {
  using tagged_union::tagged_union;
  static constexpr tag_style style = tag_style::internal;
  static constexpr std::string_view tag_key = "type";
  /// The alternative every unrecognised tag decodes to (serde `#[serde(other)]`).
  using fallback = payloads::unknown;
};

/// The transport that received an IPC message from its sender (astrid-events
/// 0.9+). It is provenance the receiving host stamps, never what a client
/// claims: `system` (the kernel, or a publisher inside the host) is the
/// default, and every wire name this build does not know decodes to it, so a
/// peer cannot earn local privilege by inventing one.
enum class ipc_origin : std::uint8_t {
  system,          ///< "system": the host itself; the default, omitted from JSON
  local_socket,    ///< "local_socket": a client on this machine's socket
  remote_gateway,  ///< "remote_gateway": a client through a remote gateway
};

/// The wire name of `o` ("system", "local_socket", "remote_gateway"). Never throws.
std::string_view to_string(ipc_origin o) noexcept;

/// The origin whose wire name is exactly `name`, or nullopt. Unlike decoding,
/// which reads an unknown name as `system`, this tells a caller choosing an
/// origin (a command-line flag) that the name is wrong. Never throws.
std::optional<ipc_origin> parse_ipc_origin(std::string_view name) noexcept;

/// IpcMessage: a payload published by a capsule (or the kernel) on a topic.
/// `device_key_id` and `origin` are stamped by the host that received the
/// message; a message without them has the 0.8.0 shape exactly.
struct ipc_message {
  std::string topic{};                                     ///< req
  ipc_payload payload{};                                   ///< req
  std::optional<std::vector<std::uint8_t>> signature{};    ///< opt-null
  uuid source_id{};                                        ///< req
  astrid::timestamp timestamp{};                           ///< default: now, when decoded
  std::uint64_t seq = 0;                                 ///< default 0; stamped by the bus
  std::optional<std::string> principal{};                  ///< opt-omit
  /// opt-omit: which registered device key of the principal authenticated it.
  std::optional<std::string> device_key_id{};
  /// default system, omitted when system; an unknown name reads as system.
  ipc_origin origin = ipc_origin::system;
  friend bool operator==(const ipc_message&, const ipc_message&) = default;
};

/// The size the router and the rate limiter charge for a message:
/// `to_guest_bytes(msg.payload).size() + msg.topic.size()`.
/// Throws std::bad_alloc only.
std::size_t ipc_size(const ipc_message& msg);

}  // namespace astrid
