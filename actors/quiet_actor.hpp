// CAF prints "*** unexpected message" and "*** unhandled exception" through
// its own printer, bypassing our logging. Every actor of the bus installs
// these handlers instead, so such events land in the bus log, greppable.
#pragma once

#include <caf/fwd.hpp>

#include <spdlog/logger.h>

#include <memory>

namespace astrid::bus::detail {

/// Makes `self` log unexpected messages (answered with
/// sec::unexpected_message) and uncaught exceptions (which still end the
/// actor) on `log` instead of printing them. Never throws.
void log_instead_of_printing(caf::scheduled_actor* self, std::shared_ptr<spdlog::logger> log);

}  // namespace astrid::bus::detail
