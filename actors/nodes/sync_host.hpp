// The subscriber's end of a sync subscriber registered on a bus on another
// node: the node that calls add_subscriber keeps the object and runs it
// here, in a sync_child actor under a small host that plays the supervisor's
// part for this one object (one core::sync_slot, as each supervisor entry). The owning bus's relay (sync_relay.hpp) sends
// each event as a request; the host answers once the handler returned, or
// threw (logged, counted, child restarted around the same object, like a
// local crash), so the owning bus's publish() waits for the handler exactly
// as for a local one. Handlers post through the host to the owning bus.
#pragma once

#include "actors/local/jobs.hpp"
#include "shared/bus_shared.hpp"

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <memory>

namespace astrid::bus::detail {

/// Spawns the host of `sub`, registered (or about to be) on the bus behind
/// `gateway`. Scheduled, not detached: its handle travels to the owning
/// node, which puts it in CAF 0.17's actor registry, and a detached actor in
/// the registry can hang actor_system shutdown (CAF issues #1110, #1196).
/// An object released by the host itself (lost node, unsubscribe_self) is
/// therefore destroyed on a scheduler thread. It handles
/// - (rbind, id) from the relay: learns its id, monitors the relay, starts the child;
/// - (rdeliver, wire_event): runs the handler, answers (accepted, unsubscribe,
///   crash: the exception text when it threw, else empty);
/// - publish_job (from the handler's bus_context): posts it to the gateway;
/// - sync_detach: the facade removes the subscriber; the ticket gets the
///   object once the owning bus let go (the relay died or sync_gone came);
/// - sync_gone: the owning bus no longer knows the subscriber.
/// Without a pending sync_detach, the host releases the object itself and
/// quits when the relay or the gateway is gone, or the handler unsubscribed.
/// Logs on `shared`'s logger and counts crashes in its metrics. Throws
/// std::bad_alloc only.
caf::actor spawn_sync_host(caf::actor_system& sys, std::shared_ptr<subscriber> sub,
                           caf::actor gateway, std::shared_ptr<bus_shared> shared);

}  // namespace astrid::bus::detail
