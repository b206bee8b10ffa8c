// The connecting side's actor for calls to a gateway on another node. Plain
// threads never wait on a CAF request themselves: they hand the request to
// one caller actor per connection and wait on a ticket (shared/call.hpp).
// The caller monitors the gateway; when the node is lost it drops every
// pending ticket, so a call in flight fails at once instead of waiting for
// its reply timeout (CAF does not answer requests already forwarded to a
// proxy that dies).
#pragma once

#include "actors/nodes/gateway.hpp"
#include "shared/call.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/error.hpp>
#include <caf/fwd.hpp>

#include <spdlog/logger.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

namespace astrid::bus::detail {

/// thread -> caller: start one request to the gateway (from the caller
/// actor); `done` gets its error (none on success), or is dropped when the
/// node is gone.
struct gateway_call {
  std::function<void(caf::event_based_actor*, const gateway_actor&,
                     std::function<void(caf::error)>)>
      start;
  ticket<caf::error> done;
};

/// Spawns the caller of `gateway`: runs gateway_calls; when the gateway is
/// down, sets `gone`, logs it with `where` on `log`, drops every pending
/// call and quits. Throws std::bad_alloc only.
caf::actor spawn_gateway_caller(caf::actor_system& sys, gateway_actor gateway,
                                std::shared_ptr<std::atomic<bool>> gone,
                                std::shared_ptr<spdlog::logger> log, std::string where);

}  // namespace astrid::bus::detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::gateway_call)
