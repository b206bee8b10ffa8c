// event_receiver: a move-only handle on a receiver_source (see
// bus/receiver_source.hpp), which does the actual work.
#include <astrid/bus/event_receiver.hpp>

#include "bus/receiver_source.hpp"

namespace astrid::bus {

namespace {
const std::string no_label;
}  // namespace

event_receiver::event_receiver(std::unique_ptr<detail::receiver_source> source) noexcept
    : source_{std::move(source)} {}

event_receiver::event_receiver(event_receiver&&) noexcept = default;
event_receiver& event_receiver::operator=(event_receiver&&) noexcept = default;
event_receiver::~event_receiver() = default;

std::optional<event_ptr> event_receiver::recv(std::chrono::milliseconds timeout) {
  if (!source_) return std::nullopt;
  if (auto ev = source_->buffered()) return ev;  // most calls: no clock read
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  return source_->next(&deadline);
}

std::optional<event_ptr> event_receiver::try_recv() {
  if (!source_) return std::nullopt;
  return source_->next(nullptr);
}

std::uint64_t event_receiver::drain_lagged() noexcept {
  return source_ ? source_->drain_lagged() : 0;
}

bool event_receiver::closed() const noexcept { return !source_ || source_->closed(); }

const std::string& event_receiver::label() const noexcept {
  return source_ ? source_->label() : no_label;
}

}  // namespace astrid::bus
