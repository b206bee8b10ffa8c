// The 58 lifecycle event kinds of AstridEvent (namespace astrid::events),
// one struct per kind, named as its snake_case wire tag. They carry only their
// own fields; the metadata every event has lives in astrid::event.
// Optional members are written as null when absent (opt-null).
#pragma once

#include "astrid/messages/ipc.hpp"
#include "astrid/messages/uuid.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace astrid::events {

/// The runtime started.
struct runtime_started {
  static constexpr std::string_view tag = "runtime_started";
  std::string version{};
  friend bool operator==(const runtime_started&, const runtime_started&) = default;
};
/// The runtime stopped.
struct runtime_stopped {
  static constexpr std::string_view tag = "runtime_stopped";
  std::optional<std::string> reason{};
  friend bool operator==(const runtime_stopped&, const runtime_stopped&) = default;
};
/// An agent started.
struct agent_started {
  static constexpr std::string_view tag = "agent_started";
  uuid agent_id{};
  std::string agent_name{};
  friend bool operator==(const agent_started&, const agent_started&) = default;
};
/// An agent stopped.
struct agent_stopped {
  static constexpr std::string_view tag = "agent_stopped";
  uuid agent_id{};
  std::optional<std::string> reason{};
  friend bool operator==(const agent_stopped&, const agent_stopped&) = default;
};
/// A session was created.
struct session_created {
  static constexpr std::string_view tag = "session_created";
  uuid session_id{};
  friend bool operator==(const session_created&, const session_created&) = default;
};
/// A session ended.
struct session_ended {
  static constexpr std::string_view tag = "session_ended";
  uuid session_id{};
  std::optional<std::string> reason{};
  friend bool operator==(const session_ended&, const session_ended&) = default;
};
/// A session was resumed.
struct session_resumed {
  static constexpr std::string_view tag = "session_resumed";
  uuid session_id{};
  friend bool operator==(const session_resumed&, const session_resumed&) = default;
};
/// A user message arrived from a platform.
struct message_received {
  static constexpr std::string_view tag = "message_received";
  uuid message_id{};
  std::string platform{};
  friend bool operator==(const message_received&, const message_received&) = default;
};
/// A message was sent to a platform.
struct message_sent {
  static constexpr std::string_view tag = "message_sent";
  uuid message_id{};
  std::string platform{};
  friend bool operator==(const message_sent&, const message_sent&) = default;
};
/// A message was fully processed.
struct message_processed {
  static constexpr std::string_view tag = "message_processed";
  uuid message_id{};
  std::uint64_t duration_ms = 0;
  friend bool operator==(const message_processed&, const message_processed&) = default;
};
/// A prompt is being assembled (hook point).
struct prompt_building {
  static constexpr std::string_view tag = "prompt_building";
  uuid request_id{};
  friend bool operator==(const prompt_building&, const prompt_building&) = default;
};
/// A message is about to be sent (hook point).
struct message_sending {
  static constexpr std::string_view tag = "message_sending";
  uuid message_id{};
  std::string platform{};
  friend bool operator==(const message_sending&, const message_sending&) = default;
};
/// Context compaction began.
struct context_compaction_started {
  static constexpr std::string_view tag = "context_compaction_started";
  uuid session_id{};
  std::uint32_t message_count = 0;
  friend bool operator==(const context_compaction_started&, const context_compaction_started&) = default;
};
/// Context compaction finished.
struct context_compaction_completed {
  static constexpr std::string_view tag = "context_compaction_completed";
  uuid session_id{};
  std::uint32_t messages_remaining = 0;
  friend bool operator==(const context_compaction_completed&, const context_compaction_completed&) = default;
};
/// A session is being reset.
struct session_resetting {
  static constexpr std::string_view tag = "session_resetting";
  uuid session_id{};
  friend bool operator==(const session_resetting&, const session_resetting&) = default;
};
/// A model is being chosen for a request.
struct model_resolving {
  static constexpr std::string_view tag = "model_resolving";
  uuid request_id{};
  std::optional<std::string> provider{};
  std::optional<std::string> model{};
  friend bool operator==(const model_resolving&, const model_resolving&) = default;
};
/// An agent loop finished.
struct agent_loop_completed {
  static constexpr std::string_view tag = "agent_loop_completed";
  uuid agent_id{};
  std::uint32_t turns = 0;
  std::uint64_t duration_ms = 0;
  friend bool operator==(const agent_loop_completed&, const agent_loop_completed&) = default;
};
/// A tool result is being stored.
struct tool_result_persisting {
  static constexpr std::string_view tag = "tool_result_persisting";
  uuid call_id{};
  std::string tool_name{};
  friend bool operator==(const tool_result_persisting&, const tool_result_persisting&) = default;
};
/// A model request began.
struct llm_request_started {
  static constexpr std::string_view tag = "llm_request_started";
  uuid request_id{};
  std::string provider{};
  std::string model{};
  friend bool operator==(const llm_request_started&, const llm_request_started&) = default;
};
/// A model request finished.
struct llm_request_completed {
  static constexpr std::string_view tag = "llm_request_completed";
  uuid request_id{};
  bool success = false;
  std::optional<std::uint32_t> input_tokens{};
  std::optional<std::uint32_t> output_tokens{};
  std::uint64_t duration_ms = 0;
  friend bool operator==(const llm_request_completed&, const llm_request_completed&) = default;
};
/// A streamed model response began.
struct llm_stream_started {
  static constexpr std::string_view tag = "llm_stream_started";
  uuid request_id{};
  std::string model{};
  friend bool operator==(const llm_stream_started&, const llm_stream_started&) = default;
};
/// A chunk of a streamed response arrived.
struct llm_stream_chunk {
  static constexpr std::string_view tag = "llm_stream_chunk";
  uuid request_id{};
  std::uint32_t chunk_index = 0;
  std::uint32_t token_count = 0;
  friend bool operator==(const llm_stream_chunk&, const llm_stream_chunk&) = default;
};
/// A streamed response finished.
struct llm_stream_completed {
  static constexpr std::string_view tag = "llm_stream_completed";
  uuid request_id{};
  std::optional<std::uint32_t> input_tokens{};
  std::optional<std::uint32_t> output_tokens{};
  std::uint64_t duration_ms = 0;
  friend bool operator==(const llm_stream_completed&, const llm_stream_completed&) = default;
};
/// A tool call began.
struct tool_call_started {
  static constexpr std::string_view tag = "tool_call_started";
  uuid call_id{};
  std::string tool_name{};
  std::optional<std::string> server_name{};
  friend bool operator==(const tool_call_started&, const tool_call_started&) = default;
};
/// A tool call succeeded.
struct tool_call_completed {
  static constexpr std::string_view tag = "tool_call_completed";
  uuid call_id{};
  std::string tool_name{};
  std::uint64_t duration_ms = 0;
  friend bool operator==(const tool_call_completed&, const tool_call_completed&) = default;
};
/// A tool call failed.
struct tool_call_failed {
  static constexpr std::string_view tag = "tool_call_failed";
  uuid call_id{};
  std::string tool_name{};
  std::string error{};
  std::uint64_t duration_ms = 0;
  friend bool operator==(const tool_call_failed&, const tool_call_failed&) = default;
};
/// An MCP server connected.
struct mcp_server_connected {
  static constexpr std::string_view tag = "mcp_server_connected";
  std::string server_name{};
  std::string protocol_version{};
  friend bool operator==(const mcp_server_connected&, const mcp_server_connected&) = default;
};
/// An MCP server disconnected.
struct mcp_server_disconnected {
  static constexpr std::string_view tag = "mcp_server_disconnected";
  std::string server_name{};
  std::optional<std::string> reason{};
  friend bool operator==(const mcp_server_disconnected&, const mcp_server_disconnected&) = default;
};
/// An MCP tool was called.
struct mcp_tool_called {
  static constexpr std::string_view tag = "mcp_tool_called";
  std::string server_name{};
  std::string tool_name{};
  std::optional<nlohmann::json> arguments{};
  friend bool operator==(const mcp_tool_called&, const mcp_tool_called&) = default;
};
/// An MCP tool call finished.
struct mcp_tool_completed {
  static constexpr std::string_view tag = "mcp_tool_completed";
  std::string server_name{};
  std::string tool_name{};
  bool success = false;
  std::uint64_t duration_ms = 0;
  friend bool operator==(const mcp_tool_completed&, const mcp_tool_completed&) = default;
};
/// A sub-agent was spawned.
struct sub_agent_spawned {
  static constexpr std::string_view tag = "sub_agent_spawned";
  uuid subagent_id{};
  uuid parent_id{};
  std::string task{};
  std::uint32_t depth = 0;
  friend bool operator==(const sub_agent_spawned&, const sub_agent_spawned&) = default;
};
/// A sub-agent reported progress.
struct sub_agent_progress {
  static constexpr std::string_view tag = "sub_agent_progress";
  uuid subagent_id{};
  std::string message{};
  friend bool operator==(const sub_agent_progress&, const sub_agent_progress&) = default;
};
/// A sub-agent finished.
struct sub_agent_completed {
  static constexpr std::string_view tag = "sub_agent_completed";
  uuid subagent_id{};
  std::uint64_t duration_ms = 0;
  friend bool operator==(const sub_agent_completed&, const sub_agent_completed&) = default;
};
/// A sub-agent failed.
struct sub_agent_failed {
  static constexpr std::string_view tag = "sub_agent_failed";
  uuid subagent_id{};
  std::string error{};
  std::uint64_t duration_ms = 0;
  friend bool operator==(const sub_agent_failed&, const sub_agent_failed&) = default;
};
/// A sub-agent was cancelled.
struct sub_agent_cancelled {
  static constexpr std::string_view tag = "sub_agent_cancelled";
  uuid subagent_id{};
  std::optional<std::string> reason{};
  friend bool operator==(const sub_agent_cancelled&, const sub_agent_cancelled&) = default;
};
/// A capability was granted (security event).
struct capability_granted {
  static constexpr std::string_view tag = "capability_granted";
  uuid capability_id{};
  std::string resource{};
  std::string action{};
  friend bool operator==(const capability_granted&, const capability_granted&) = default;
};
/// A capability was revoked (security event).
struct capability_revoked {
  static constexpr std::string_view tag = "capability_revoked";
  uuid capability_id{};
  std::optional<std::string> reason{};
  friend bool operator==(const capability_revoked&, const capability_revoked&) = default;
};
/// A capability was checked (security event).
struct capability_checked {
  static constexpr std::string_view tag = "capability_checked";
  std::string resource{};
  std::string action{};
  bool allowed = false;
  friend bool operator==(const capability_checked&, const capability_checked&) = default;
};
/// An action was denied (security event).
struct authorization_denied {
  static constexpr std::string_view tag = "authorization_denied";
  std::string resource{};
  std::string action{};
  std::string reason{};
  friend bool operator==(const authorization_denied&, const authorization_denied&) = default;
};
/// A security violation was detected (security event).
struct security_violation {
  static constexpr std::string_view tag = "security_violation";
  std::string violation_type{};
  std::string details{};
  friend bool operator==(const security_violation&, const security_violation&) = default;
};
/// User approval was requested (security event).
struct approval_requested {
  static constexpr std::string_view tag = "approval_requested";
  uuid request_id{};
  std::string resource{};
  std::string action{};
  std::string description{};
  friend bool operator==(const approval_requested&, const approval_requested&) = default;
};
/// User approval was granted (security event).
struct approval_granted {
  static constexpr std::string_view tag = "approval_granted";
  uuid request_id{};
  std::optional<std::string> duration{};
  friend bool operator==(const approval_granted&, const approval_granted&) = default;
};
/// User approval was denied (security event).
struct approval_denied {
  static constexpr std::string_view tag = "approval_denied";
  uuid request_id{};
  std::optional<std::string> reason{};
  friend bool operator==(const approval_denied&, const approval_denied&) = default;
};
/// A budget was allocated.
struct budget_allocated {
  static constexpr std::string_view tag = "budget_allocated";
  uuid budget_id{};
  std::uint64_t amount_cents = 0;
  std::string currency{};
  friend bool operator==(const budget_allocated&, const budget_allocated&) = default;
};
/// A budget is running low.
struct budget_warning {
  static constexpr std::string_view tag = "budget_warning";
  uuid budget_id{};
  std::uint64_t remaining_cents = 0;
  double percent_used = 0.0;
  friend bool operator==(const budget_warning&, const budget_warning&) = default;
};
/// A budget was exceeded.
struct budget_exceeded {
  static constexpr std::string_view tag = "budget_exceeded";
  uuid budget_id{};
  std::uint64_t overage_cents = 0;
  friend bool operator==(const budget_exceeded&, const budget_exceeded&) = default;
};
/// A capsule was loaded.
struct capsule_loaded {
  static constexpr std::string_view tag = "capsule_loaded";
  std::string capsule_id{};
  std::string capsule_name{};
  friend bool operator==(const capsule_loaded&, const capsule_loaded&) = default;
};
/// A capsule failed.
struct capsule_failed {
  static constexpr std::string_view tag = "capsule_failed";
  std::string capsule_id{};
  std::string error{};
  friend bool operator==(const capsule_failed&, const capsule_failed&) = default;
};
/// A capsule was unloaded.
struct capsule_unloaded {
  static constexpr std::string_view tag = "capsule_unloaded";
  std::string capsule_id{};
  std::string capsule_name{};
  friend bool operator==(const capsule_unloaded&, const capsule_unloaded&) = default;
};
/// The kernel started.
struct kernel_started {
  static constexpr std::string_view tag = "kernel_started";
  std::string version{};
  friend bool operator==(const kernel_started&, const kernel_started&) = default;
};
/// The kernel is shutting down.
struct kernel_shutdown {
  static constexpr std::string_view tag = "kernel_shutdown";
  std::optional<std::string> reason{};
  friend bool operator==(const kernel_shutdown&, const kernel_shutdown&) = default;
};
/// Configuration was reloaded.
struct config_reloaded {
  static constexpr std::string_view tag = "config_reloaded";
  friend bool operator==(const config_reloaded&, const config_reloaded&) = default;
};
/// A configuration key changed.
struct config_changed {
  static constexpr std::string_view tag = "config_changed";
  std::string key{};
  friend bool operator==(const config_changed&, const config_changed&) = default;
};
/// A health check finished.
struct health_check_completed {
  static constexpr std::string_view tag = "health_check_completed";
  bool healthy = false;
  std::uint32_t checks_performed = 0;
  std::uint32_t checks_failed = 0;
  friend bool operator==(const health_check_completed&, const health_check_completed&) = default;
};
/// An audit log entry was written.
struct audit_entry_created {
  static constexpr std::string_view tag = "audit_entry_created";
  uuid entry_id{};
  std::string entry_type{};
  friend bool operator==(const audit_entry_created&, const audit_entry_created&) = default;
};
/// An error occurred.
struct error_occurred {
  static constexpr std::string_view tag = "error_occurred";
  std::string code{};
  std::string message{};
  std::optional<std::string> stack_trace{};
  friend bool operator==(const error_occurred&, const error_occurred&) = default;
};
/// An IPC message published on the bus (event_type "ipc").
struct ipc {
  static constexpr std::string_view tag = "ipc";
  ipc_message message{};
  friend bool operator==(const ipc&, const ipc&) = default;
};
/// An application-defined event (event_type "custom").
struct custom {
  static constexpr std::string_view tag = "custom";
  std::string name{};
  nlohmann::json data{};
  friend bool operator==(const custom&, const custom&) = default;
};

}  // namespace astrid::events
