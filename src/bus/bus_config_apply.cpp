// bus_config::apply: the CAF options a configuration implies, set on an
// actor_system_config before the system exists. Apart from the file
// reader (bus_config.cpp), which needs no CAF.
#include <astrid/bus/bus_config.hpp>

#include <caf/actor_system_config.hpp>
#include <caf/timespan.hpp>

#include <chrono>

namespace astrid::bus {

void bus_config::apply(caf::actor_system_config& cfg) const {
  if (scheduler_threads > 0) cfg.set("scheduler.max-threads", scheduler_threads);
  // An idle worker parks at once instead of polling with 50 us sleeps: the
  // bus is woken per publish and would pay each sleep as latency.
  cfg.set("work-stealing.moderate-poll-attempts", 0);
  if (heartbeat_interval_ms > 0)
    cfg.set("middleman.heartbeat-interval",
            caf::timespan{std::chrono::milliseconds{heartbeat_interval_ms}});
  if (connection_timeout_ms > 0)
    cfg.set("middleman.connection-timeout",
            caf::timespan{std::chrono::milliseconds{connection_timeout_ms}});
}

}  // namespace astrid::bus
