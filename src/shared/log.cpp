// The one logger of the bus (see log.hpp).
#include "shared/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <string>

namespace astrid::bus::detail {

std::shared_ptr<spdlog::logger> bus_logger() {
  static std::mutex mutex;
  std::lock_guard<std::mutex> guard{mutex};
  if (auto existing = spdlog::get(logger_name)) return existing;
  return spdlog::stderr_color_mt(logger_name);
}

void set_bus_log_level(std::string_view level) noexcept {
  try {
    const std::string name{level};
    auto lvl = spdlog::level::from_str(name);
    if (lvl == spdlog::level::off && name != "off") return;
    bus_logger()->set_level(lvl);
  } catch (...) {
    // logging must never take the bus down
  }
}

}  // namespace astrid::bus::detail
