// astrid::event (AstridEvent): what flows through the bus. Every event is
// metadata (id, time, correlation, source) plus one of the 58 kinds in
// events.hpp; IPC messages from capsules travel as the `ipc` kind.
#pragma once

#include "astrid/messages/events.hpp"
#include "astrid/messages/ipc.hpp"
#include "astrid/messages/timestamp.hpp"
#include "astrid/messages/uuid.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace astrid {

/// EventMetadata: identity, time and origin of an event.
struct event_metadata {
  uuid event_id{};                        ///< req
  astrid::timestamp timestamp{};          ///< req
  std::optional<uuid> correlation_id{};   ///< opt-null
  std::optional<uuid> session_id{};       ///< opt-null
  std::optional<uuid> user_id{};          ///< opt-null
  std::string source{};                   ///< req: the emitting component

  /// Fresh metadata: a random event id, the current UTC time, no
  /// correlation / session / user id, and `source`. Throws std::bad_alloc only.
  static event_metadata make(std::string source);

  friend bool operator==(const event_metadata&, const event_metadata&) = default;
};

/// The kind-specific part of an event: one of the 58 lifecycle kinds,
/// in the reference's declaration order.
using event_data = std::variant<
    events::runtime_started,
    events::runtime_stopped,
    events::agent_started,
    events::agent_stopped,
    events::session_created,
    events::session_ended,
    events::session_resumed,
    events::message_received,
    events::message_sent,
    events::message_processed,
    events::prompt_building,
    events::message_sending,
    events::context_compaction_started,
    events::context_compaction_completed,
    events::session_resetting,
    events::model_resolving,
    events::agent_loop_completed,
    events::tool_result_persisting,
    events::llm_request_started,
    events::llm_request_completed,
    events::llm_stream_started,
    events::llm_stream_chunk,
    events::llm_stream_completed,
    events::tool_call_started,
    events::tool_call_completed,
    events::tool_call_failed,
    events::mcp_server_connected,
    events::mcp_server_disconnected,
    events::mcp_tool_called,
    events::mcp_tool_completed,
    events::sub_agent_spawned,
    events::sub_agent_progress,
    events::sub_agent_completed,
    events::sub_agent_failed,
    events::sub_agent_cancelled,
    events::capability_granted,
    events::capability_revoked,
    events::capability_checked,
    events::authorization_denied,
    events::security_violation,
    events::approval_requested,
    events::approval_granted,
    events::approval_denied,
    events::budget_allocated,
    events::budget_warning,
    events::budget_exceeded,
    events::capsule_loaded,
    events::capsule_failed,
    events::capsule_unloaded,
    events::kernel_started,
    events::kernel_shutdown,
    events::config_reloaded,
    events::config_changed,
    events::health_check_completed,
    events::audit_entry_created,
    events::error_occurred,
    events::ipc,
    events::custom>;

/// AstridEvent: metadata plus one kind. Aggregate, so
/// `astrid::event{astrid::event_metadata::make("kernel"), astrid::events::runtime_started{"1.0"}}`
/// builds one.
struct event {
  event_metadata metadata{};
  event_data data{};

  friend bool operator==(const event&, const event&) = default;
};

/// The IPC message of an `ipc` event, or nullptr for any other kind.
const ipc_message* as_ipc(const event& ev) noexcept;
/// The IPC message of an `ipc` event, or nullptr for any other kind.
ipc_message* as_ipc(event& ev) noexcept;

/// Wraps an IPC message in an `ipc` event with fresh metadata from `source`.
/// Throws std::bad_alloc only.
event make_ipc_event(ipc_message msg, std::string source = "ipc");

/// The event's type name: "astrid.v1.lifecycle.<tag>", except "ipc" and
/// "custom". The view refers to static storage. Never throws.
std::string_view event_type(const event& ev) noexcept;

/// The snake_case wire tag of the event's kind, e.g. "runtime_started".
/// The view refers to static storage. Never throws.
std::string_view event_tag(const event& ev) noexcept;

/// True for the security kinds: capability granted / revoked / checked,
/// authorization denied, security violation, approval requested / granted /
/// denied. Never throws.
bool is_security_event(const event& ev) noexcept;

}  // namespace astrid
