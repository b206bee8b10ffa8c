// A runtime-side user: an in-process bus with one receiver, and an actor
// that uses the bus through its typed handle on a one-thread system.
#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <chrono>
#include <future>
#include <iostream>

namespace {

astrid::bus::event_sink::behavior_type sink(astrid::bus::event_sink::pointer,
                                            std::shared_ptr<std::promise<std::size_t>> got) {
  return {[=](const astrid::bus::event_batch& b) { got->set_value(b.events.size()); }};
}

// Subscribes `s`, then publishes a guest message; reports the verdict.
void host(caf::event_based_actor* self, astrid::bus::bus_actor bus, astrid::bus::event_sink s,
          std::shared_ptr<std::promise<bool>> accepted) {
  using namespace astrid::bus;
  self->request(bus, std::chrono::seconds(10), subscribe_atom::value, s, std::string{"app.*"},
                std::string{"consumer"})
      .then([=](std::uint64_t) {
        astrid::ipc_message msg;
        msg.topic = "app.x";
        msg.payload = astrid::payloads::custom{nlohmann::json(1)};
        self->request(bus, std::chrono::seconds(10), publish_ipc_atom::value, msg)
            .then([=](const publish_result& r) { accepted->set_value(r.accepted); },
                  [=](caf::error&) { accepted->set_value(false); });
      },
      [=](caf::error&) { accepted->set_value(false); });
}

}  // namespace

int main() {
  caf::actor_system_config cfg;
  cfg.set("scheduler.max-threads", 1);
  caf::actor_system sys{cfg};
  {
    astrid::bus::event_bus bus{sys};
    auto rx = bus.subscribe();
    astrid::event ev{astrid::event_metadata::make("consumer"),
                     astrid::events::runtime_started{"1.0"}};
    if (bus.publish(ev) != 1)
      return 1;
    auto got = rx.recv(std::chrono::seconds(5));
    if (!got || astrid::event_type(**got) != "astrid.v1.lifecycle.runtime_started")
      return 1;

    auto delivered = std::make_shared<std::promise<std::size_t>>();
    auto accepted = std::make_shared<std::promise<bool>>();
    auto s = sys.spawn(sink, delivered);
    sys.spawn(host, bus.handle(), s, accepted);
    auto verdict = accepted->get_future();
    auto batch = delivered->get_future();
    if (verdict.wait_for(std::chrono::seconds(10)) != std::future_status::ready || !verdict.get())
      return 1;
    if (batch.wait_for(std::chrono::seconds(10)) != std::future_status::ready || batch.get() != 1)
      return 1;
    caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
  }
  std::cout << "bus_user: ok\n";
  return 0;
}
