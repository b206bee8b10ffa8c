// The bus actor: the single point every published event passes, so IPC
// sequence numbers are monotonic and every receiver sees one order. It
// stamps, appends to the broadcast hub once (no message per receiver), and
// hands the event on to the topic router and the subscriber supervisor only
// when they have someone to serve.
#pragma once

#include "actors/local/jobs.hpp"
#include "actors/local/resume.hpp"
#include "shared/bus_shared.hpp"

#include <astrid/bus/bus_actor.hpp>

#include <caf/atom.hpp>
#include <caf/fwd.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Tells the bus actor that posted events wait in bus_shared::posts.
using drain_atom = caf::atom_constant<caf::atom("drainposts")>;

/// The bus actor's whole interface: the public bus_actor (what actors
/// outside the bus may send, include/astrid/bus/bus_actor.hpp), then what
/// the facade and the bus's own actors send it: publishing, (un)subscribing,
/// counters, shutdown, its rate limiter, and continuations of requests it
/// answers (resume.hpp).
using local_bus_actor = astrid::bus::bus_actor::extend<
    caf::reacts_to<drain_atom>,
    caf::reacts_to<publish_job>, caf::reacts_to<ring_attach>, caf::reacts_to<topic_attach>,
    caf::reacts_to<topic_detach>, caf::reacts_to<actor_attach>, caf::reacts_to<actor_detach>,
    caf::reacts_to<sink_gone>, caf::reacts_to<sync_attach>, caf::reacts_to<sync_detach>,
    caf::reacts_to<sync_gone>, caf::reacts_to<stats_query>, caf::reacts_to<shutdown_order>,
    caf::reacts_to<route_attach>, caf::reacts_to<route_detach>, caf::reacts_to<limiter_actor>,
    caf::reacts_to<resume_job>>;

/// The bus actor and its rate limiter.
struct bus_actors {
  local_bus_actor bus;
  limiter_actor limiter;  ///< quits when the bus shuts down
};

/// Spawns the bus actor of `shared` in `sys`, with its topic router,
/// subscriber supervisor and rate limiter. Throws std::bad_alloc only.
bus_actors spawn_bus(caf::actor_system& sys, std::shared_ptr<bus_shared> shared);

}  // namespace astrid::bus::detail
