// Shared helpers of the bus suite (see helpers.hpp), plus the global fixture
// that installs the capturing "astrid.bus" logger before any bus exists.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <spdlog/spdlog.h>

namespace astrid::bus::testing {

namespace {

class capture_sink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> snapshot() {
    std::lock_guard<std::mutex> guard{mutex_};
    return lines;
  }
  void reset() {
    std::lock_guard<std::mutex> guard{mutex_};
    lines.clear();
  }

 protected:
  std::vector<std::string> lines;  // guarded by base_sink::mutex_

  void sink_it_(const spdlog::details::log_msg& msg) override {
    lines.emplace_back(msg.payload.data(), msg.payload.size());
    {
      std::lock_guard<std::mutex> guard{wait_mutex};
      ++generation;
    }
    logged.notify_all();
  }

 public:
  std::mutex wait_mutex;
  std::condition_variable logged;
  std::uint64_t generation = 0;  // lines logged so far; guarded by wait_mutex
  void flush_() override {}
};

std::shared_ptr<capture_sink> sink() {
  static auto instance = std::make_shared<capture_sink>();
  return instance;
}

struct install_logger {
  install_logger() {
    auto logger = std::make_shared<spdlog::logger>("astrid.bus", sink());
    spdlog::register_logger(logger);
  }
};

BOOST_TEST_GLOBAL_FIXTURE(install_logger);

}  // namespace

void recording_subscriber::on_event(const astrid::event& ev, bus_context&) {
  std::lock_guard<std::mutex> guard{mutex_};
  numbers_.push_back(number_of(ev));
  ++count_;
}

std::vector<std::int64_t> recording_subscriber::numbers() const {
  std::lock_guard<std::mutex> guard{mutex_};
  return numbers_;
}

bool log_capture::contains(std::initializer_list<std::string> parts) {
  const auto copy = sink()->snapshot();
  for (const auto& line : copy) {
    bool all = true;
    for (const auto& part : parts) all = all && line.find(part) != std::string::npos;
    if (all) return true;
  }
  return false;
}

void log_capture::clear() {
  sink()->reset();
}

bool log_capture::wait_until(const std::function<bool()>& cond, std::chrono::milliseconds timeout) {
  auto& s = *sink();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock{s.wait_mutex};
  while (true) {
    const auto seen = s.generation;
    lock.unlock();
    if (cond()) return true;
    lock.lock();
    if (!s.logged.wait_until(lock, deadline, [&] { return s.generation != seen; })) return cond();
  }
}

}  // namespace astrid::bus::testing
