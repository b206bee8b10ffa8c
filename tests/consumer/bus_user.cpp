// A runtime-side user: an in-process bus with one receiver.
#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <chrono>
#include <iostream>

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
  }
  std::cout << "bus_user: ok\n";
  return 0;
}
