// Field tables of the 58 lifecycle event kinds (see describe.hpp for the
// convention). `metadata` is not listed: astrid::event holds it, and the
// codec writes it right after the "type" tag, as serde does.
#pragma once

#include "astrid/messages/events.hpp"
#include "astrid/messages/field_rules.hpp"

namespace astrid::events {

template <class F>
void describe(F& f, runtime_started& x) {
  f("version", x.version, fields::req);
}
template <class F>
void describe(F& f, runtime_stopped& x) {
  f("reason", x.reason, fields::opt_null);
}
template <class F>
void describe(F& f, agent_started& x) {
  f("agent_id", x.agent_id, fields::req);
  f("agent_name", x.agent_name, fields::req);
}
template <class F>
void describe(F& f, agent_stopped& x) {
  f("agent_id", x.agent_id, fields::req);
  f("reason", x.reason, fields::opt_null);
}
template <class F>
void describe(F& f, session_created& x) {
  f("session_id", x.session_id, fields::req);
}
template <class F>
void describe(F& f, session_ended& x) {
  f("session_id", x.session_id, fields::req);
  f("reason", x.reason, fields::opt_null);
}
template <class F>
void describe(F& f, session_resumed& x) {
  f("session_id", x.session_id, fields::req);
}
template <class F>
void describe(F& f, message_received& x) {
  f("message_id", x.message_id, fields::req);
  f("platform", x.platform, fields::req);
}
template <class F>
void describe(F& f, message_sent& x) {
  f("message_id", x.message_id, fields::req);
  f("platform", x.platform, fields::req);
}
template <class F>
void describe(F& f, message_processed& x) {
  f("message_id", x.message_id, fields::req);
  f("duration_ms", x.duration_ms, fields::req);
}
template <class F>
void describe(F& f, prompt_building& x) {
  f("request_id", x.request_id, fields::req);
}
template <class F>
void describe(F& f, message_sending& x) {
  f("message_id", x.message_id, fields::req);
  f("platform", x.platform, fields::req);
}
template <class F>
void describe(F& f, context_compaction_started& x) {
  f("session_id", x.session_id, fields::req);
  f("message_count", x.message_count, fields::req);
}
template <class F>
void describe(F& f, context_compaction_completed& x) {
  f("session_id", x.session_id, fields::req);
  f("messages_remaining", x.messages_remaining, fields::req);
}
template <class F>
void describe(F& f, session_resetting& x) {
  f("session_id", x.session_id, fields::req);
}
template <class F>
void describe(F& f, model_resolving& x) {
  f("request_id", x.request_id, fields::req);
  f("provider", x.provider, fields::opt_null);
  f("model", x.model, fields::opt_null);
}
template <class F>
void describe(F& f, agent_loop_completed& x) {
  f("agent_id", x.agent_id, fields::req);
  f("turns", x.turns, fields::req);
  f("duration_ms", x.duration_ms, fields::req);
}
template <class F>
void describe(F& f, tool_result_persisting& x) {
  f("call_id", x.call_id, fields::req);
  f("tool_name", x.tool_name, fields::req);
}
template <class F>
void describe(F& f, llm_request_started& x) {
  f("request_id", x.request_id, fields::req);
  f("provider", x.provider, fields::req);
  f("model", x.model, fields::req);
}
template <class F>
void describe(F& f, llm_request_completed& x) {
  f("request_id", x.request_id, fields::req);
  f("success", x.success, fields::req);
  f("input_tokens", x.input_tokens, fields::opt_null);
  f("output_tokens", x.output_tokens, fields::opt_null);
  f("duration_ms", x.duration_ms, fields::req);
}
template <class F>
void describe(F& f, llm_stream_started& x) {
  f("request_id", x.request_id, fields::req);
  f("model", x.model, fields::req);
}
template <class F>
void describe(F& f, llm_stream_chunk& x) {
  f("request_id", x.request_id, fields::req);
  f("chunk_index", x.chunk_index, fields::req);
  f("token_count", x.token_count, fields::req);
}
template <class F>
void describe(F& f, llm_stream_completed& x) {
  f("request_id", x.request_id, fields::req);
  f("input_tokens", x.input_tokens, fields::opt_null);
  f("output_tokens", x.output_tokens, fields::opt_null);
  f("duration_ms", x.duration_ms, fields::req);
}
template <class F>
void describe(F& f, tool_call_started& x) {
  f("call_id", x.call_id, fields::req);
  f("tool_name", x.tool_name, fields::req);
  f("server_name", x.server_name, fields::opt_null);
}
template <class F>
void describe(F& f, tool_call_completed& x) {
  f("call_id", x.call_id, fields::req);
  f("tool_name", x.tool_name, fields::req);
  f("duration_ms", x.duration_ms, fields::req);
}
template <class F>
void describe(F& f, tool_call_failed& x) {
  f("call_id", x.call_id, fields::req);
  f("tool_name", x.tool_name, fields::req);
  f("error", x.error, fields::req);
  f("duration_ms", x.duration_ms, fields::req);
}
template <class F>
void describe(F& f, mcp_server_connected& x) {
  f("server_name", x.server_name, fields::req);
  f("protocol_version", x.protocol_version, fields::req);
}
template <class F>
void describe(F& f, mcp_server_disconnected& x) {
  f("server_name", x.server_name, fields::req);
  f("reason", x.reason, fields::opt_null);
}
template <class F>
void describe(F& f, mcp_tool_called& x) {
  f("server_name", x.server_name, fields::req);
  f("tool_name", x.tool_name, fields::req);
  f("arguments", x.arguments, fields::opt_null);
}
template <class F>
void describe(F& f, mcp_tool_completed& x) {
  f("server_name", x.server_name, fields::req);
  f("tool_name", x.tool_name, fields::req);
  f("success", x.success, fields::req);
  f("duration_ms", x.duration_ms, fields::req);
}
template <class F>
void describe(F& f, sub_agent_spawned& x) {
  f("subagent_id", x.subagent_id, fields::req);
  f("parent_id", x.parent_id, fields::req);
  f("task", x.task, fields::req);
  f("depth", x.depth, fields::req);
}
template <class F>
void describe(F& f, sub_agent_progress& x) {
  f("subagent_id", x.subagent_id, fields::req);
  f("message", x.message, fields::req);
}
template <class F>
void describe(F& f, sub_agent_completed& x) {
  f("subagent_id", x.subagent_id, fields::req);
  f("duration_ms", x.duration_ms, fields::req);
}
template <class F>
void describe(F& f, sub_agent_failed& x) {
  f("subagent_id", x.subagent_id, fields::req);
  f("error", x.error, fields::req);
  f("duration_ms", x.duration_ms, fields::req);
}
template <class F>
void describe(F& f, sub_agent_cancelled& x) {
  f("subagent_id", x.subagent_id, fields::req);
  f("reason", x.reason, fields::opt_null);
}
template <class F>
void describe(F& f, capability_granted& x) {
  f("capability_id", x.capability_id, fields::req);
  f("resource", x.resource, fields::req);
  f("action", x.action, fields::req);
}
template <class F>
void describe(F& f, capability_revoked& x) {
  f("capability_id", x.capability_id, fields::req);
  f("reason", x.reason, fields::opt_null);
}
template <class F>
void describe(F& f, capability_checked& x) {
  f("resource", x.resource, fields::req);
  f("action", x.action, fields::req);
  f("allowed", x.allowed, fields::req);
}
template <class F>
void describe(F& f, authorization_denied& x) {
  f("resource", x.resource, fields::req);
  f("action", x.action, fields::req);
  f("reason", x.reason, fields::req);
}
template <class F>
void describe(F& f, security_violation& x) {
  f("violation_type", x.violation_type, fields::req);
  f("details", x.details, fields::req);
}
template <class F>
void describe(F& f, approval_requested& x) {
  f("request_id", x.request_id, fields::req);
  f("resource", x.resource, fields::req);
  f("action", x.action, fields::req);
  f("description", x.description, fields::req);
}
template <class F>
void describe(F& f, approval_granted& x) {
  f("request_id", x.request_id, fields::req);
  f("duration", x.duration, fields::opt_null);
}
template <class F>
void describe(F& f, approval_denied& x) {
  f("request_id", x.request_id, fields::req);
  f("reason", x.reason, fields::opt_null);
}
template <class F>
void describe(F& f, budget_allocated& x) {
  f("budget_id", x.budget_id, fields::req);
  f("amount_cents", x.amount_cents, fields::req);
  f("currency", x.currency, fields::req);
}
template <class F>
void describe(F& f, budget_warning& x) {
  f("budget_id", x.budget_id, fields::req);
  f("remaining_cents", x.remaining_cents, fields::req);
  f("percent_used", x.percent_used, fields::req);
}
template <class F>
void describe(F& f, budget_exceeded& x) {
  f("budget_id", x.budget_id, fields::req);
  f("overage_cents", x.overage_cents, fields::req);
}
template <class F>
void describe(F& f, capsule_loaded& x) {
  f("capsule_id", x.capsule_id, fields::req);
  f("capsule_name", x.capsule_name, fields::req);
}
template <class F>
void describe(F& f, capsule_failed& x) {
  f("capsule_id", x.capsule_id, fields::req);
  f("error", x.error, fields::req);
}
template <class F>
void describe(F& f, capsule_unloaded& x) {
  f("capsule_id", x.capsule_id, fields::req);
  f("capsule_name", x.capsule_name, fields::req);
}
template <class F>
void describe(F& f, kernel_started& x) {
  f("version", x.version, fields::req);
}
template <class F>
void describe(F& f, kernel_shutdown& x) {
  f("reason", x.reason, fields::opt_null);
}
template <class F>
void describe(F&, config_reloaded&) {}
template <class F>
void describe(F& f, config_changed& x) {
  f("key", x.key, fields::req);
}
template <class F>
void describe(F& f, health_check_completed& x) {
  f("healthy", x.healthy, fields::req);
  f("checks_performed", x.checks_performed, fields::req);
  f("checks_failed", x.checks_failed, fields::req);
}
template <class F>
void describe(F& f, audit_entry_created& x) {
  f("entry_id", x.entry_id, fields::req);
  f("entry_type", x.entry_type, fields::req);
}
template <class F>
void describe(F& f, error_occurred& x) {
  f("code", x.code, fields::req);
  f("message", x.message, fields::req);
  f("stack_trace", x.stack_trace, fields::opt_null);
}
template <class F>
void describe(F& f, ipc& x) {
  f("message", x.message, fields::req);
}
template <class F>
void describe(F& f, custom& x) {
  f("name", x.name, fields::req);
  f("data", x.data, fields::req);
}

}  // namespace astrid::events
