// The event bus of the agent runtime on CAF: everything a user of
// astrid::bus needs, in one include. The schemas come with it.
#pragma once

#include <astrid/messages.hpp>

#include <astrid/bus/bus_actor.hpp>
#include <astrid/bus/bus_config.hpp>
#include <astrid/bus/bus_stats.hpp>
#include <astrid/bus/event_bus.hpp>
#include <astrid/bus/event_ptr.hpp>
#include <astrid/bus/event_receiver.hpp>
#include <astrid/bus/publish_result.hpp>
#include <astrid/bus/rate_limiter.hpp>
#include <astrid/bus/routed_options.hpp>
#include <astrid/bus/routed_receiver.hpp>
#include <astrid/bus/subscriber.hpp>
#include <astrid/bus/topic.hpp>
