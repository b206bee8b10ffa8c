// The error a caller of a bus on another node gets when that node is gone
// (connection lost, process dead, heartbeat timeout) or cannot be reached:
// distinct from a local bus that was shut down, so a client can reconnect.
#pragma once

#include <stdexcept>
#include <string>

namespace astrid::bus {

/// Thrown by the calls of an event_bus obtained from event_bus::connect when
/// its node cannot be reached or answered with an error; what() says why.
struct bus_unavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace astrid::bus
