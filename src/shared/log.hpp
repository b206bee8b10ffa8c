// The one logger of the bus. spdlog, greppable key=value fields; CAF's own
// console output stays off. An application that wants the bus's lines in its
// own sinks registers a logger named "astrid.bus" before creating a bus.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string_view>

namespace astrid::bus::detail {

/// Name under which the bus looks up its logger in spdlog's registry.
inline constexpr const char* logger_name = "astrid.bus";

/// The registered "astrid.bus" logger, or (registered on first use) a
/// colour stderr logger of that name. Thread-safe. Throws spdlog::spdlog_ex
/// only if the logger cannot be created.
std::shared_ptr<spdlog::logger> bus_logger();

/// Sets the bus logger's level from a name (trace, debug, info, warn,
/// error, off); unknown names leave it unchanged. Never throws.
void set_bus_log_level(std::string_view level) noexcept;

}  // namespace astrid::bus::detail
