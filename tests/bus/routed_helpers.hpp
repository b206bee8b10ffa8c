// Event makers for the routed-subscription suites: IPC events with a given
// publishing principal (nullopt = a system event) and, where sizes matter,
// a payload padded to an exact ipc_size.
#pragma once

#include "bus/helpers.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace astrid::bus::testing {

/// An IPC event on `topic` from `principal` whose ipc_size is exactly
/// `bytes` (at least topic size + 2: its payload is a JSON string).
inline astrid::event sized_ipc(std::optional<std::string> principal, std::size_t bytes,
                               std::string topic = "t.x") {
  astrid::ipc_message msg;
  const auto pad = bytes - topic.size() - 2;  // the JSON string's quotes
  msg.payload = astrid::payloads::custom{nlohmann::json(std::string(pad, 'x'))};
  msg.topic = std::move(topic);
  msg.principal = std::move(principal);
  return astrid::make_ipc_event(std::move(msg));
}

/// The principal of an IPC event ("<system>" when it has none).
inline std::string principal_of(const astrid::event& ev) {
  const auto* m = astrid::as_ipc(ev);
  return m && m->principal ? *m->principal : std::string{"<system>"};
}

/// ipc_size of an IPC event (0 for others).
inline std::size_t size_of(const astrid::event& ev) {
  const auto* m = astrid::as_ipc(ev);
  return m ? astrid::ipc_size(*m) : 0;
}

}  // namespace astrid::bus::testing
