// The vocabulary of the field tables (describe.hpp): the rule attached to
// each field (required, optional written as null, optional left out,
// defaulted...) and the wire names of enumerations.
#pragma once

#include "astrid/messages/ipc.hpp"
#include "astrid/messages/llm.hpp"

#include <array>
#include <string_view>

namespace astrid {

/// Field rules (see WIRE-FORMAT.md "Conventions").
namespace fields {
/// Required on input; always written.
struct required_t {};
inline constexpr required_t req{};
/// std::optional: written as null when absent; missing or null on input = absent.
struct opt_null_t {};
inline constexpr opt_null_t opt_null{};
/// std::optional: left out when absent; missing or null on input = absent.
struct opt_omit_t {};
inline constexpr opt_omit_t opt_omit{};
/// Missing on input keeps the member's default initializer; always written.
struct defaulted_t {};
inline constexpr defaulted_t dflt{};
/// Missing on input keeps the member's default initializer, which must be
/// the value-initialized `M{}`; left out when equal to it (serde `default`
/// with `skip_serializing_if` on the default).
struct omit_default_t {};
inline constexpr omit_default_t omit_default{};
/// timestamp: missing on input means timestamp::now(); always written.
struct default_now_t {};
inline constexpr default_now_t dflt_now{};
/// Container: missing on input = empty; left out when empty.
struct omit_empty_t {};
inline constexpr omit_empty_t omit_empty{};
/// The whole content of a newtype alternative (serde `Tag(T)`), no key.
struct content_t {};
inline constexpr content_t content{};
/// A JSON object whose keys sit beside the tag (serde newtype in an
/// internally tagged enum, e.g. raw_json); the tag key itself is excluded.
struct flatten_t {};
inline constexpr flatten_t flatten{};
}  // namespace fields

/// Wire names of an enumeration, indexed by the enumerator's value. A
/// specialization may name a `fallback` enumerator: the one every unknown
/// name decodes to (serde `#[serde(other)]`); without it an unknown name is
/// an error.
template <class E>
struct enum_names;

/// MessageRole names.
template <>
struct enum_names<llm::message_role> {
  static constexpr std::array<std::string_view, 4> values{"system", "user", "assistant", "tool"};
};

/// StopReason names.
template <>
struct enum_names<llm::stop_reason> {
  static constexpr std::array<std::string_view, 4> values{"EndTurn", "MaxTokens", "ToolUse",
                                                          "StopSequence"};
};

/// IpcMessage origin names; an unknown one is `system` (fail closed).
template <>
struct enum_names<ipc_origin> {
  static constexpr std::array<std::string_view, 3> values{"system", "local_socket",
                                                          "remote_gateway"};
  static constexpr ipc_origin fallback = ipc_origin::system;
};

}  // namespace astrid
