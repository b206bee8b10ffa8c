// Makers shared by the test suites of the actors and of the facade: a
// configuration with a small capacity; lifecycle, custom and IPC events that
// carry a number; the readers of that number and of the topic. Header only:
// the suites link no test library.
#pragma once

#include <astrid/bus/bus_config.hpp>
#include <astrid/messages.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace astrid::bus::testing {

/// A bus configuration whose receivers hold `capacity` events (small ones
/// make lag easy to provoke).
inline bus_config with_capacity(std::size_t capacity) {
  bus_config cfg;
  cfg.capacity = capacity;
  return cfg;
}

/// A lifecycle event (runtime_started with `version`).
inline astrid::event lifecycle(std::string version = "1.0") {
  return astrid::event{astrid::event_metadata::make("test"),
                       astrid::events::runtime_started{std::move(version)}};
}

/// A custom event named `name` carrying `n`.
inline astrid::event custom(std::string name, std::int64_t n) {
  return astrid::event{astrid::event_metadata::make("test"),
                       astrid::events::custom{std::move(name), nlohmann::json(n)}};
}

/// An IPC message on `topic` from `source`, whose payload carries `n`.
inline astrid::ipc_message ipc_msg(std::string topic, std::int64_t n = 0,
                                   astrid::uuid source = astrid::uuid::nil()) {
  astrid::ipc_message msg;
  msg.topic = std::move(topic);
  msg.payload = astrid::payloads::custom{nlohmann::json(n)};
  msg.source_id = source;
  return msg;
}

/// An IPC event on `topic` carrying `n`.
inline astrid::event ipc(std::string topic, std::int64_t n = 0) {
  return astrid::make_ipc_event(ipc_msg(std::move(topic), n));
}

/// An IPC event on `topic` from `principal` (nullopt: system) carrying `n`.
inline astrid::event routed_ipc(std::optional<std::string> principal, std::int64_t n,
                                std::string topic = "t.x") {
  auto msg = ipc_msg(std::move(topic), n);
  msg.principal = std::move(principal);
  return astrid::make_ipc_event(std::move(msg));
}

/// The integer a custom or IPC event made above carries (-1 for others).
inline std::int64_t number_of(const astrid::event& ev) {
  if (const auto* c = std::get_if<astrid::events::custom>(&ev.data)) return c->data.get<std::int64_t>();
  if (const auto* m = astrid::as_ipc(ev))
    if (const auto* p = m->payload.get_if<astrid::payloads::custom>()) return p->data.get<std::int64_t>();
  return -1;
}

/// The topic of an IPC event ("" for others).
inline std::string topic_of(const astrid::event& ev) {
  const auto* m = astrid::as_ipc(ev);
  return m ? m->topic : std::string{};
}

}  // namespace astrid::bus::testing
