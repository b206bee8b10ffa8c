// Shared helpers of the bus suite: event makers (support/events.hpp),
// counting subscribers, and a capture sink on the "astrid.bus" logger so
// tests can assert on log lines.
#pragma once

#include "support/events.hpp"

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
