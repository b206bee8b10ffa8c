// The verdict of the rate-limited guest path (event_bus::publish_ipc and the
// bus actor's publish_ipc_atom request).
#pragma once

#include <caf/meta/type_name.hpp>

#include <cstddef>
#include <string>

namespace astrid::bus {

/// Outcome of `event_bus::publish_ipc`.
struct publish_result {
  /// True when the message passed the rate limiter and was published.
  bool accepted = false;
  /// When accepted: async receivers the event was handed to.
  std::size_t receivers = 0;
  /// When rejected: "Payload too large" or "Rate limit exceeded".
  std::string reason;
};

/// CAF inspection of publish_result, so it can be an actor's reply.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, publish_result& x) {
  return f(caf::meta::type_name("astrid::publish_result"), x.accepted, x.receivers, x.reason);
}

}  // namespace astrid::bus
