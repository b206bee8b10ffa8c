// The caller actor of a connection to another node's gateway (see
// gateway_caller.hpp).
#include "actors/nodes/gateway_caller.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>

#include <unordered_map>
#include <utility>

namespace astrid::bus::detail {

namespace {

struct caller_state {
  caller_state() = default;  // not an aggregate: CAF must not build it from `self`
  std::unordered_map<std::uint64_t, ticket<caf::error>> pending;  // by call number
  std::uint64_t calls = 0;
  static constexpr const char* name = "astrid.remote_caller";
};

using caller_pointer = caf::stateful_actor<caller_state>*;

caf::behavior caller_behavior(caller_pointer self, gateway_actor gateway,
                              std::shared_ptr<std::atomic<bool>> gone,
                              std::shared_ptr<spdlog::logger> log, std::string where) {
  self->monitor(gateway);
  self->set_down_handler([=](caf::down_msg& dm) {
    gone->store(true);
    log->warn("bus node gone node={} reason={}", where, self->system().render(dm.reason));
    self->state.pending.clear();  // every waiting call fails now
    self->quit();
  });
  return {
      [=](gateway_call& c) {
        const auto key = ++self->state.calls;
        self->state.pending.emplace(key, std::move(c.done));
        c.start(self, gateway, [=](caf::error err) {
          auto it = self->state.pending.find(key);
          if (it == self->state.pending.end()) return;
          it->second->set(std::move(err));
          self->state.pending.erase(it);
        });
      },
  };
}

}  // namespace

caf::actor spawn_gateway_caller(caf::actor_system& sys, gateway_actor gateway,
                                std::shared_ptr<std::atomic<bool>> gone,
                                std::shared_ptr<spdlog::logger> log, std::string where) {
  return sys.spawn(caller_behavior, std::move(gateway), std::move(gone), std::move(log),
                   std::move(where));
}

}  // namespace astrid::bus::detail
