// The actor behind a remote receiver (see remote_receiver.hpp).
#include "actors/nodes/remote_receiver.hpp"

#include "actors/wire/event.hpp"

#include <caf/actor_system.hpp>
#include <caf/io/broker.hpp>
#include <caf/io/middleman.hpp>
#include <caf/system_messages.hpp>

namespace astrid::bus::detail {

namespace {

// Takes its state as arguments: CAF 0.17 spawns argument-less functions
// through a null std::shared_ptr<std::tuple<>> (UBSan reports it).
caf::behavior receiver_behavior(caf::io::broker* self,
                                std::shared_ptr<waitable_queue> queue, caf::actor gateway) {
  self->monitor(gateway);
  self->set_down_handler([=](caf::down_msg&) {
    queue->close();
    self->quit();
  });
  self->attach_functor([queue] { queue->close(); });
  return {
      [=](wire_batch& batch) {
        queue->push_all(batch.events.begin(), batch.events.end(), batch.lagged,
                        [](wire_event& w) { return std::move(w.ev); });
      },
  };
}

}  // namespace

caf::actor spawn_remote_receiver(caf::actor_system& sys, std::shared_ptr<waitable_queue> queue,
                                 caf::actor gateway) {
  return sys.middleman().spawn_broker(receiver_behavior, std::move(queue), std::move(gateway));
}

}  // namespace astrid::bus::detail
