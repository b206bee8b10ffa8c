// State shared by the parts of one bus (see bus_shared.hpp).
#include "shared/bus_shared.hpp"

#include "shared/log.hpp"

namespace astrid::bus::detail {

bus_shared::bus_shared(bus_config config)
    : cfg{std::move(config)}, hub{cfg.capacity, census}, log{bus_logger()} {}

void bus_shared::fill(bus_stats& out) const {
  metrics.fill(out);
  for (std::size_t k = 0; k < subscriber_kinds; ++k) {
    const auto kind = static_cast<subscriber_kind>(k);
    out.subscribers[std::string{to_string(kind)}] = census.count(kind);
  }
}

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
