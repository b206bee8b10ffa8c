// State shared by the parts of one bus (see bus_shared.hpp).
#include "actors/bus_shared.hpp"

#include "actors/log.hpp"

namespace astrid::bus::detail {

bus_shared::bus_shared(bus_config config)
    : cfg{std::move(config)}, hub{cfg.capacity}, log{bus_logger()} {}

void bus_shared::link(caf::actor bus) {
  std::lock_guard<std::mutex> guard{link_mutex_};
  bus_ = std::move(bus);
}

void bus_shared::unlink() noexcept {
  caf::actor dropped;
  {
    std::lock_guard<std::mutex> guard{link_mutex_};
    dropped.swap(bus_);
  }
}

}  // namespace astrid::bus::detail
