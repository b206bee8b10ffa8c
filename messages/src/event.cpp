// The event helpers the bus relies on: type names, security classification,
// IPC wrapping, and fresh metadata.
#include "astrid/messages/event.hpp"

#include <array>
#include <utility>

namespace astrid {
namespace {

constexpr std::size_t kind_count = std::variant_size_v<event_data>;

template <std::size_t... I>
constexpr std::array<std::string_view, kind_count> make_tags(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, event_data>::tag...};
}
constexpr auto kind_tags = make_tags(std::make_index_sequence<kind_count>{});

// "astrid.v1.lifecycle.<tag>", built once; "ipc" and "custom" stay bare.
const std::array<std::string, kind_count>& type_names() {
  static const auto names = [] {
    std::array<std::string, kind_count> out;
    for (std::size_t i = 0; i < kind_count; ++i) {
      const auto tag = kind_tags[i];
      const bool bare = tag == events::ipc::tag || tag == events::custom::tag;
      out[i] = bare ? std::string(tag) : "astrid.v1.lifecycle." + std::string(tag);
    }
    return out;
  }();
  return names;
}

template <class... Kinds>
bool holds_any(const event_data& data) noexcept {
  return (std::holds_alternative<Kinds>(data) || ...);
}

}  // namespace

event_metadata event_metadata::make(std::string source) {
  event_metadata m;
  m.event_id = uuid::random();
  m.timestamp = timestamp::now();
  m.source = std::move(source);
  return m;
}

const ipc_message* as_ipc(const event& ev) noexcept {
  const auto* kind = std::get_if<events::ipc>(&ev.data);
  return kind ? &kind->message : nullptr;
}

ipc_message* as_ipc(event& ev) noexcept {
  auto* kind = std::get_if<events::ipc>(&ev.data);
  return kind ? &kind->message : nullptr;
}

event make_ipc_event(ipc_message msg, std::string source) {
  return event{event_metadata::make(std::move(source)), events::ipc{std::move(msg)}};
}

std::string_view event_type(const event& ev) noexcept { return type_names()[ev.data.index()]; }

std::string_view event_tag(const event& ev) noexcept { return kind_tags[ev.data.index()]; }

bool is_security_event(const event& ev) noexcept {
  return holds_any<events::capability_granted, events::capability_revoked,
                   events::capability_checked, events::authorization_denied,
                   events::security_violation, events::approval_requested, events::approval_granted,
                   events::approval_denied>(ev.data);
}

}  // namespace astrid
