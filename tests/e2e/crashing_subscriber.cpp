// A node for the metrics end-to-end test: connects to a serving bus and adds
// a sync subscriber (kept and run on this node) that throws on every IPC
// event whose payload is {"crash": true}. Writes "subscribed" to stderr once
// registered, then runs until its stdin closes.
// Usage: astrid-e2e-crasher HOST:PORT
#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <exception>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

namespace {

class crasher : public astrid::bus::subscriber {
 public:
  void on_event(const astrid::event& ev, astrid::bus::bus_context&) override {
    const auto* msg = astrid::as_ipc(ev);
    const auto* c = msg ? msg->payload.get_if<astrid::payloads::custom>() : nullptr;
    if (c && c->data.is_object() && c->data.value("crash", false))
      throw std::runtime_error{"asked to crash"};
  }
  std::string name() const override { return "e2e-crasher"; }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: astrid-e2e-crasher HOST:PORT\n";
    return 2;
  }
  const std::string where = argv[1];
  const auto colon = where.rfind(':');
  try {
    caf::actor_system_config cfg;
    astrid::bus::configure(cfg);
    astrid::bus::bus_config{}.apply(cfg);
    caf::actor_system sys{cfg};
    auto bus = astrid::bus::event_bus::connect(
        sys, where.substr(0, colon), static_cast<std::uint16_t>(std::stoul(where.substr(colon + 1))));
    bus.add_subscriber(std::make_shared<crasher>());
    std::cerr << "subscribed" << std::endl;
    for (std::string line; std::getline(std::cin, line);) {
    }
  } catch (const std::exception& e) {
    std::cerr << "astrid-e2e-crasher: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
