// Shared helpers of the bus suite: event makers, counting subscribers, and a
// capture sink on the "astrid.bus" logger so tests can assert on log lines.
#pragma once

#include <astrid/bus/test_fixture.hpp>

#include <spdlog/sinks/base_sink.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace astrid::bus::testing {

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

/// The integer a custom or IPC event made above carries.
std::int64_t number_of(const astrid::event& ev);

/// The topic of an IPC event ("" for others).
std::string topic_of(const astrid::event& ev);

/// A sync subscriber counting and remembering what it sees.
class recording_subscriber : public subscriber {
 public:
  explicit recording_subscriber(std::string name = "recorder") : name_{std::move(name)} {}
  void on_event(const astrid::event& ev, bus_context&) override;
  std::string name() const override { return name_; }
  /// Events seen so far (copy).
  std::vector<std::int64_t> numbers() const;
  /// How many events were seen.
  std::size_t count() const { return count_.load(); }

 private:
  std::string name_;
  mutable std::mutex mutex_;
  std::vector<std::int64_t> numbers_;
  std::atomic<std::size_t> count_{0};
};

/// Lines logged on "astrid.bus" since the test module started (all levels).
class log_capture {
 public:
  /// True when some captured line contains every one of `parts`.
  static bool contains(std::initializer_list<std::string> parts);
  /// Forgets what was captured.
  static void clear();
  /// Waits until `cond` holds, re-checking it whenever the bus logs a line
  /// (the bus logs every subscription it drops, after dropping it); gives up
  /// after `timeout`. Returns whether `cond` held.
  static bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds timeout);
};

}  // namespace astrid::bus::testing
