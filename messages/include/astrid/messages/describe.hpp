// The field tables: ONE description per schema type, listing each field
// with its JSON name and its rule. The JSON codec reads and writes every type
// through these tables; a CAF `inspect` overload can walk the same tables
// (call describe(f, x) with a visitor whose operator() forwards to
// f.field(name, member)), so there is a single source of truth per type.
//
// A description is `template <class F> void describe(F& f, T& x)` calling
// `f(json_name, x.member, rule)` for each field, in serde's declaration order.
// Sum types (tagged_union) need no description of their own: their
// alternatives are described and the union's `style` says how they nest.
#pragma once

#include "astrid/messages/event.hpp"
#include "astrid/messages/field_rules.hpp"
#include "astrid/messages/ipc.hpp"
#include "astrid/messages/kernel.hpp"
#include "astrid/messages/llm.hpp"
#include "astrid/messages/onboarding.hpp"

namespace astrid {

// ---- IPC -------------------------------------------------------------------

template <class F>
void describe(F& f, ipc_message& x) {
  f("topic", x.topic, fields::req);
  f("payload", x.payload, fields::req);
  f("signature", x.signature, fields::opt_null);
  f("source_id", x.source_id, fields::req);
  f("timestamp", x.timestamp, fields::dflt_now);
  f("seq", x.seq, fields::dflt);
  f("principal", x.principal, fields::opt_omit);
  f("device_key_id", x.device_key_id, fields::opt_omit);
  f("origin", x.origin, fields::omit_default);
}

template <class F>
void describe(F& f, event_metadata& x) {
  f("event_id", x.event_id, fields::req);
  f("timestamp", x.timestamp, fields::req);
  f("correlation_id", x.correlation_id, fields::opt_null);
  f("session_id", x.session_id, fields::opt_null);
  f("user_id", x.user_id, fields::opt_null);
  f("source", x.source, fields::req);
}

template <class F>
void describe(F& f, onboarding_field& x) {
  f("key", x.key, fields::req);
  f("prompt", x.prompt, fields::req);
  f("description", x.description, fields::opt_omit);
  f("field_type", x.field_type, fields::req);
  f("default", x.default_value, fields::opt_omit);
  f("placeholder", x.placeholder, fields::opt_omit);
}

template <class F>
void describe(F& f, selection_option& x) {
  f("id", x.id, fields::req);
  f("label", x.label, fields::req);
  f("description", x.description, fields::opt_omit);
}

namespace field_types {
template <class F>
void describe(F&, text&) {}
template <class F>
void describe(F&, secret&) {}
template <class F>
void describe(F& f, enumeration& x) {
  f("options", x.options, fields::content);
}
template <class F>
void describe(F&, array&) {}
}  // namespace field_types

namespace payloads {
template <class F>
void describe(F& f, raw_json& x) {
  f("value", x.value, fields::flatten);
}
template <class F>
void describe(F& f, user_input& x) {
  f("text", x.text, fields::req);
  f("session_id", x.session_id, fields::dflt);
  f("context", x.context, fields::opt_omit);
}
template <class F>
void describe(F& f, agent_response& x) {
  f("text", x.text, fields::req);
  f("is_final", x.is_final, fields::req);
  f("session_id", x.session_id, fields::dflt);
}
template <class F>
void describe(F& f, approval_required& x) {
  f("request_id", x.request_id, fields::req);
  f("action", x.action, fields::req);
  f("resource", x.resource, fields::req);
  f("reason", x.reason, fields::req);
}
template <class F>
void describe(F& f, approval_response& x) {
  f("request_id", x.request_id, fields::req);
  f("decision", x.decision, fields::req);
  f("reason", x.reason, fields::opt_omit);
}
template <class F>
void describe(F& f, onboarding_required& x) {
  f("capsule_id", x.capsule_id, fields::req);
  f("fields", x.fields, fields::req);
}
template <class F>
void describe(F& f, llm_request& x) {
  f("request_id", x.request_id, fields::req);
  f("model", x.model, fields::req);
  f("messages", x.messages, fields::req);
  f("tools", x.tools, fields::req);
  f("system", x.system, fields::req);
}
template <class F>
void describe(F& f, llm_stream_event& x) {
  f("request_id", x.request_id, fields::req);
  f("event", x.event, fields::req);
}
template <class F>
void describe(F& f, llm_response& x) {
  f("request_id", x.request_id, fields::req);
  f("response", x.response, fields::req);
}
template <class F>
void describe(F& f, tool_execute_request& x) {
  f("call_id", x.call_id, fields::req);
  f("tool_name", x.tool_name, fields::req);
  f("arguments", x.arguments, fields::req);
}
template <class F>
void describe(F& f, tool_execute_result& x) {
  f("call_id", x.call_id, fields::req);
  f("result", x.result, fields::req);
}
template <class F>
void describe(F& f, tool_cancel_request& x) {
  f("call_ids", x.call_ids, fields::req);
}
template <class F>
void describe(F& f, selection_required& x) {
  f("request_id", x.request_id, fields::req);
  f("title", x.title, fields::req);
  f("options", x.options, fields::req);
  f("callback_topic", x.callback_topic, fields::req);
}
template <class F>
void describe(F& f, elicit_request& x) {
  f("request_id", x.request_id, fields::req);
  f("capsule_id", x.capsule_id, fields::req);
  f("field", x.field, fields::req);
}
template <class F>
void describe(F& f, elicit_response& x) {
  f("request_id", x.request_id, fields::req);
  f("value", x.value, fields::opt_omit);
  f("values", x.values, fields::opt_omit);
}
template <class F>
void describe(F&, connect&) {}
template <class F>
void describe(F& f, disconnect& x) {
  f("reason", x.reason, fields::opt_omit);
}
template <class F>
void describe(F& f, custom& x) {
  f("data", x.data, fields::req);
}
template <class F>
void describe(F&, unknown&) {}
}  // namespace payloads

// ---- LLM -------------------------------------------------------------------

namespace llm {
template <class F>
void describe(F& f, tool_call& x) {
  f("id", x.id, fields::req);
  f("name", x.name, fields::req);
  f("arguments", x.arguments, fields::req);
}
template <class F>
void describe(F& f, tool_call_result& x) {
  f("call_id", x.call_id, fields::req);
  f("content", x.content, fields::req);
  f("is_error", x.is_error, fields::dflt);
}
template <class F>
void describe(F& f, text_part& x) {
  f("text", x.text, fields::req);
}
template <class F>
void describe(F& f, image_part& x) {
  f("data", x.data, fields::req);
  f("media_type", x.media_type, fields::req);
}
template <class F>
void describe(F& f, message& x) {
  f("role", x.role, fields::req);
  f("content", x.content, fields::req);
}
template <class F>
void describe(F& f, tool_definition& x) {
  f("name", x.name, fields::req);
  f("description", x.description, fields::opt_null);
  f("input_schema", x.input_schema, fields::req);
}
template <class F>
void describe(F& f, usage& x) {
  f("input_tokens", x.input_tokens, fields::req);
  f("output_tokens", x.output_tokens, fields::req);
}
template <class F>
void describe(F& f, llm_response& x) {
  f("message", x.message, fields::req);
  f("has_tool_calls", x.has_tool_calls, fields::req);
  f("stop_reason", x.stop_reason, fields::req);
  f("usage", x.usage, fields::req);
}

namespace stream_events {
template <class F>
void describe(F& f, text_delta& x) {
  f("text", x.text, fields::content);
}
template <class F>
void describe(F& f, tool_call_start& x) {
  f("id", x.id, fields::req);
  f("name", x.name, fields::req);
}
template <class F>
void describe(F& f, tool_call_delta& x) {
  f("id", x.id, fields::req);
  f("args_delta", x.args_delta, fields::req);
}
template <class F>
void describe(F& f, tool_call_end& x) {
  f("id", x.id, fields::req);
}
template <class F>
void describe(F& f, reasoning_delta& x) {
  f("text", x.text, fields::content);
}
template <class F>
void describe(F& f, usage& x) {
  f("input_tokens", x.input_tokens, fields::req);
  f("output_tokens", x.output_tokens, fields::req);
}
template <class F>
void describe(F&, done&) {}
template <class F>
void describe(F& f, error& x) {
  f("message", x.message, fields::content);
}
}  // namespace stream_events
}  // namespace llm

// ---- Kernel ----------------------------------------------------------------

template <class F>
void describe(F& f, command_info& x) {
  f("name", x.name, fields::req);
  f("description", x.description, fields::req);
  f("provider_capsule", x.provider_capsule, fields::req);
}
template <class F>
void describe(F& f, capsule_metadata_entry& x) {
  f("name", x.name, fields::req);
  f("interceptor_events", x.interceptor_events, fields::req);
}
template <class F>
void describe(F& f, principal_connection_count& x) {
  f("principal", x.principal, fields::req);
  f("count", x.count, fields::req);
}
template <class F>
void describe(F& f, daemon_status& x) {
  f("pid", x.pid, fields::req);
  f("uptime_secs", x.uptime_secs, fields::req);
  f("version", x.version, fields::req);
  f("ephemeral", x.ephemeral, fields::req);
  f("connected_clients", x.connected_clients, fields::req);
  f("connections_by_principal", x.connections_by_principal, fields::omit_empty);
  f("loaded_capsules", x.loaded_capsules, fields::req);
}

namespace kernel_requests {
template <class F>
void describe(F& f, install_capsule& x) {
  f("source", x.source, fields::req);
  f("workspace", x.workspace, fields::req);
}
template <class F>
void describe(F& f, approve_capability& x) {
  f("request_id", x.request_id, fields::req);
  f("signature", x.signature, fields::req);
}
template <class F>
void describe(F&, list_capsules&) {}
template <class F>
void describe(F&, reload_capsules&) {}
template <class F>
void describe(F&, get_commands&) {}
template <class F>
void describe(F&, get_capsule_metadata&) {}
template <class F>
void describe(F& f, shutdown& x) {
  f("reason", x.reason, fields::opt_null);
}
template <class F>
void describe(F&, get_status&) {}
}  // namespace kernel_requests

namespace kernel_responses {
template <class F>
void describe(F& f, success& x) {
  f("data", x.data, fields::content);
}
template <class F>
void describe(F& f, commands& x) {
  f("data", x.data, fields::content);
}
template <class F>
void describe(F& f, capsule_metadata& x) {
  f("data", x.data, fields::content);
}
template <class F>
void describe(F& f, error& x) {
  f("data", x.data, fields::content);
}
template <class F>
void describe(F& f, status& x) {
  f("data", x.data, fields::content);
}
template <class F>
void describe(F& f, approval_required& x) {
  f("request_id", x.request_id, fields::req);
  f("description", x.description, fields::req);
  f("capabilities", x.capabilities, fields::req);
}
}  // namespace kernel_responses

}  // namespace astrid

#include "astrid/messages/describe_events.hpp"
