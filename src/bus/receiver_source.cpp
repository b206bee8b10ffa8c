// The receiving side of an async subscription (see receiver_source.hpp).
#include "bus/receiver_source.hpp"

namespace astrid::bus::detail {

receiver_source::receiver_source(std::shared_ptr<bus_shared> shared, std::string label)
    : shared_{std::move(shared)}, label_{std::move(label)} {}

std::optional<event_ptr> receiver_source::next(const time_point* deadline) {
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
    note_lag(fill(buffer_, deadline));
    if (buffer_.empty()) return std::nullopt;
  }
  return std::move(buffer_[pos_++]);
}

std::uint64_t receiver_source::drain_lagged() noexcept {
  const auto n = take_lagged();
  note_lag(n);
  logged_ = 0;
  return n;
}

void receiver_source::note_lag(std::uint64_t undrained) noexcept {
  if (undrained <= logged_) return;
  const auto fresh = undrained - logged_;
  logged_ = undrained;
  try {
    shared_->metrics.add_lagged(label_, fresh);
    shared_->log->warn("security: receiver lagged subscriber={} lagged={}", label_, fresh);
  } catch (...) {
    // counting and logging must never lose the receiver its events
  }
}

ring_source::ring_source(std::shared_ptr<bus_shared> shared, core::ring_cursor cursor,
                         std::string label)
    : receiver_source{std::move(shared), std::move(label)}, cursor_{cursor} {}

ring_source::~ring_source() { shared_->hub.detach(); }

bool ring_source::closed() const noexcept { return shared_->hub.closed(); }

std::uint64_t ring_source::fill(std::vector<event_ptr>& out, const time_point* deadline) {
  shared_->hub.read(cursor_, out, shared_->read_batch(), deadline, &spin_);
  return cursor_.lagged;
}

std::uint64_t ring_source::take_lagged() noexcept {
  shared_->hub.catch_up(cursor_);
  return cursor_.drain_lagged();
}

queue_source::queue_source(std::shared_ptr<bus_shared> shared,
                           std::shared_ptr<waitable_queue> queue, std::string label,
                           unsubscribe end)
    : receiver_source{std::move(shared), std::move(label)},
      queue_{std::move(queue)},
      end_{std::move(end)} {}

queue_source::~queue_source() {
  if (end_) end_();
}

std::uint64_t queue_source::fill(std::vector<event_ptr>& out, const time_point* deadline) {
  return queue_->read(out, shared_->read_batch(), deadline);
}

}  // namespace astrid::bus::detail
