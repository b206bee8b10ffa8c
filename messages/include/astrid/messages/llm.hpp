// LLM schemas (namespace astrid::llm): the conversation, tool and streaming
// types a capsule exchanges with the kernel's model providers. They travel
// inside the llm_request / llm_stream_event / llm_response IPC payloads.
#pragma once

#include "astrid/messages/tagged.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace astrid::llm {

/// MessageRole, written in lower case: "system", "user", "assistant", "tool".
enum class message_role { system, user, assistant, tool };

/// ToolCall: a model's request to run a tool.
struct tool_call {
  std::string id{};             ///< req
  std::string name{};           ///< req
  nlohmann::json arguments{};   ///< req, any JSON
  friend bool operator==(const tool_call&, const tool_call&) = default;
};

/// ToolCallResult: the outcome of a tool call, fed back to the model.
struct tool_call_result {
  std::string call_id{};    ///< req
  std::string content{};    ///< req
  bool is_error = false;  ///< default false
  friend bool operator==(const tool_call_result&, const tool_call_result&) = default;
};

/// ContentPart alternative `{"type":"text","text":...}`.
struct text_part {
  static constexpr std::string_view tag = "text";
  std::string text{};  ///< req
  friend bool operator==(const text_part&, const text_part&) = default;
};

/// ContentPart alternative `{"type":"image","data":...,"media_type":...}`.
struct image_part {
  static constexpr std::string_view tag = "image";
  std::string data{};        ///< req (base64)
  std::string media_type{};  ///< req
  friend bool operator==(const image_part&, const image_part&) = default;
};

/// ContentPart: internally tagged by "type".
struct content_part : tagged_union<text_part, image_part> {
  using tagged_union::tagged_union;
  static constexpr tag_style style = tag_style::internal;
  static constexpr std::string_view tag_key = "type";
};

/// MessageContent, untagged: decoding tries text, then tool calls, then a
/// tool result, then content parts (so `[]` decodes as an empty tool-call list).
using message_content =
    std::variant<std::string, std::vector<tool_call>, tool_call_result, std::vector<content_part>>;

/// Message: one turn of a conversation.
struct message {
  message_role role = message_role::user;  ///< req
  message_content content{};                 ///< req
  friend bool operator==(const message&, const message&) = default;
};

/// LlmToolDefinition: a tool offered to the model.
struct tool_definition {
  std::string name{};                        ///< req
  std::optional<std::string> description{};  ///< opt-null
  nlohmann::json input_schema{};             ///< req, any JSON
  friend bool operator==(const tool_definition&, const tool_definition&) = default;
};

/// Alternatives of stream_event (externally tagged, PascalCase names).
namespace stream_events {
/// `{"TextDelta": "..."}`
struct text_delta {
  static constexpr std::string_view tag = "TextDelta";
  std::string text{};
  friend bool operator==(const text_delta&, const text_delta&) = default;
};
/// `{"ToolCallStart": {"id":..., "name":...}}`
struct tool_call_start {
  static constexpr std::string_view tag = "ToolCallStart";
  std::string id{};
  std::string name{};
  friend bool operator==(const tool_call_start&, const tool_call_start&) = default;
};
/// `{"ToolCallDelta": {"id":..., "args_delta":...}}`
struct tool_call_delta {
  static constexpr std::string_view tag = "ToolCallDelta";
  std::string id{};
  std::string args_delta{};
  friend bool operator==(const tool_call_delta&, const tool_call_delta&) = default;
};
/// `{"ToolCallEnd": {"id":...}}`
struct tool_call_end {
  static constexpr std::string_view tag = "ToolCallEnd";
  std::string id{};
  friend bool operator==(const tool_call_end&, const tool_call_end&) = default;
};
/// `{"ReasoningDelta": "..."}`
struct reasoning_delta {
  static constexpr std::string_view tag = "ReasoningDelta";
  std::string text{};
  friend bool operator==(const reasoning_delta&, const reasoning_delta&) = default;
};
/// `{"Usage": {"input_tokens": n, "output_tokens": n}}` (usize on the wire).
struct usage {
  static constexpr std::string_view tag = "Usage";
  std::uint64_t input_tokens = 0;
  std::uint64_t output_tokens = 0;
  friend bool operator==(const usage&, const usage&) = default;
};
/// `"Done"` (`{"Done": null}` is also read).
struct done {
  static constexpr std::string_view tag = "Done";
  static constexpr bool is_unit = true;
  friend bool operator==(const done&, const done&) = default;
};
/// `{"Error": "..."}`
struct error {
  static constexpr std::string_view tag = "Error";
  std::string message{};
  friend bool operator==(const error&, const error&) = default;
};
}  // namespace stream_events

/// StreamEvent: one increment of a streamed model response.
struct stream_event
    : tagged_union<stream_events::text_delta, stream_events::tool_call_start,
                   stream_events::tool_call_delta, stream_events::tool_call_end,
                   stream_events::reasoning_delta, stream_events::usage, stream_events::done,
                   stream_events::error> {
  using tagged_union::tagged_union;
  static constexpr tag_style style = tag_style::external;
};

/// StopReason: "EndTurn", "MaxTokens", "ToolUse", "StopSequence".
enum class stop_reason { end_turn, max_tokens, tool_use, stop_sequence };

/// Usage: token counts of a complete response (usize on the wire).
struct usage {
  std::uint64_t input_tokens = 0;   ///< req
  std::uint64_t output_tokens = 0;  ///< req
  friend bool operator==(const usage&, const usage&) = default;
};

/// LlmResponse: a complete (non-streamed) model response.
struct llm_response {
  llm::message message{};                                    ///< req
  bool has_tool_calls = false;                             ///< req
  llm::stop_reason stop_reason = llm::stop_reason::end_turn;  ///< req
  llm::usage usage{};                                        ///< req
  friend bool operator==(const llm_response&, const llm_response&) = default;
};

}  // namespace astrid::llm
