// Blocking calls from plain threads to a gateway on another node that never
// outlive the node: the calling thread hands the request to one caller actor
// per connection and waits on a ticket (actors/call.hpp). The caller
// monitors the gateway; when the node is lost it drops every pending ticket,
// so a call in flight fails at once instead of waiting for its reply timeout
// (CAF does not answer requests already forwarded to a proxy that dies).
#pragma once

#include "actors/call.hpp"
#include "actors/remote_protocol.hpp"

#include <astrid/bus/bus_unavailable.hpp>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/detail/type_traits.hpp>
#include <caf/error.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include <spdlog/logger.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <utility>

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

}  // namespace astrid::bus::detail

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(astrid::bus::detail::gateway_call)

namespace astrid::bus::detail {

/// Spawns the caller of `gateway`: runs gateway_calls; when the gateway is
/// down, sets `gone`, logs it with `where` on `log`, drops every pending
/// call and quits. Throws std::bad_alloc only.
caf::actor spawn_gateway_caller(caf::actor_system& sys, gateway_actor gateway,
                                std::shared_ptr<std::atomic<bool>> gone,
                                std::shared_ptr<spdlog::logger> log, std::string where);

/// `f` with the argument list Args, then `finish(none)`.
template <class F, class... Args>
auto then_finish(F f, std::function<void(caf::error)> finish, caf::detail::type_list<Args...>) {
  return [f, finish](Args... args) mutable {
    f(std::forward<Args>(args)...);
    finish(caf::none);
  };
}

/// Sends `xs...` to the gateway through `caller` and hands the reply to
/// `on_reply` (run by the caller actor while this thread waits). Throws
/// bus_unavailable naming `where` on an error, a timeout, or when the node
/// is gone (also when it goes during the call).
template <class OnReply, class... Ts>
void call_gateway(caf::actor_system& sys, const caf::actor& caller, const std::string& where,
                  OnReply on_reply, Ts&&... xs) {
  using reply_args = typename caf::detail::get_callable_trait<OnReply>::arg_types;
  auto [token, result] = make_call<caf::error>();
  auto request = std::make_tuple(std::forward<Ts>(xs)...);
  auto start = [&](caf::event_based_actor* self, const gateway_actor& gw,
                   std::function<void(caf::error)> finish) {
    std::apply(
        [&](auto&... x) {
          self->request(gw, remote_call_timeout, std::move(x)...)
              .then(then_finish(on_reply, finish, reply_args{}),
                    [finish](caf::error& err) { finish(std::move(err)); });
        },
        request);
  };
  caf::anon_send(caller, gateway_call{start, std::move(token)});
  auto outcome = result->wait();
  if (!outcome) throw bus_unavailable{"astrid::bus: the bus node " + where + " is gone"};
  if (*outcome)
    throw bus_unavailable{"astrid::bus: the bus node " + where +
                          " is unavailable: " + sys.render(*outcome)};
}

}  // namespace astrid::bus::detail
