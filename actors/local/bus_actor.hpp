// The bus actor: the single point every published event passes, so IPC
// sequence numbers are monotonic and every receiver sees one order. It
// stamps, appends to the broadcast hub once (no message per receiver), and
// hands the event on to the topic router and the subscriber supervisor only
// when they have someone to serve.
#pragma once

#include "actors/local/jobs.hpp"
#include "shared/bus_shared.hpp"

#include <caf/atom.hpp>
#include <caf/fwd.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Tells the bus actor that posted events wait in bus_shared::posts.
using drain_atom = caf::atom_constant<caf::atom("drainposts")>;

/// The bus's interface: publishing, (un)subscribing, counters, shutdown.
using bus_actor = caf::typed_actor<
    caf::reacts_to<drain_atom>,
    caf::reacts_to<publish_job>, caf::reacts_to<ring_attach>, caf::reacts_to<topic_attach>,
    caf::reacts_to<topic_detach>, caf::reacts_to<actor_attach>, caf::reacts_to<actor_detach>,
    caf::reacts_to<sink_gone>, caf::reacts_to<sync_attach>, caf::reacts_to<sync_detach>,
    caf::reacts_to<sync_gone>, caf::reacts_to<stats_query>, caf::reacts_to<shutdown_order>,
    caf::reacts_to<route_attach>, caf::reacts_to<route_detach>>;

/// Spawns the bus actor of `shared` in `sys`, with its topic router and
/// subscriber supervisor. Throws std::bad_alloc only.
bus_actor spawn_bus(caf::actor_system& sys, std::shared_ptr<bus_shared> shared);

}  // namespace astrid::bus::detail
