// The owning bus's end of a sync subscriber that lives on another node. The
// supervisor runs it in a slot like any sync subscriber, but the slot's child
// is a relay that forwards each event to the subscriber's host on the other
// node and answers once the host acknowledged, so publish() waits for the
// remote handler exactly as for a local one. When the host or its node is
// lost the relay fails the event in flight and quits; the supervisor then
// removes the slot (no restart: the object is out of reach), so a publish
// never waits on a node that is gone.
#pragma once

#include "actors/local/sync_child.hpp"

#include <caf/fwd.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace astrid::bus::detail {

/// Holds a remote subscriber's place in the supervisor's registry (the
/// object itself lives on the subscriber's node). Never called: the relay
/// delivers instead.
class remote_stand_in final : public subscriber {
 public:
  /// A stand-in logged as `name`. Throws std::bad_alloc only.
  explicit remote_stand_in(std::string name) : name_{std::move(name)} {}
  /// Does nothing (never called). Never throws.
  void on_event(const astrid::event&, bus_context&) override {}
  /// The name given at construction.
  std::string name() const override { return name_; }

 private:
  std::string name_;
};

/// Spawns in `sys` the relay of sync subscriber `id` whose host actor on
/// another node is `host`. It tells `host` the id first, then answers each
/// deliver with the host's (accepted, unsubscribe, crash). When `host` is
/// gone it fails the pending deliver with the down reason and quits.
/// Throws std::bad_alloc only.
sync_child_actor spawn_sync_relay(caf::actor_system& sys, caf::actor host, std::uint64_t id);

}  // namespace astrid::bus::detail
