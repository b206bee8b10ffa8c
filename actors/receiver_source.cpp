// The receiving side of an async subscription (see receiver_source.hpp).
#include "actors/receiver_source.hpp"

#include "actors/messages.hpp"

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
  shared_->hub.read(cursor_, out, shared_->read_batch(), deadline);
  return cursor_.lagged;
}

std::uint64_t ring_source::take_lagged() noexcept {
  shared_->hub.catch_up(cursor_);
  return cursor_.drain_lagged();
}

topic_source::topic_source(std::shared_ptr<bus_shared> shared, std::uint64_t id,
                           std::shared_ptr<topic_queue> queue, std::string label)
    : receiver_source{std::move(shared), std::move(label)}, id_{id}, queue_{std::move(queue)} {}

topic_source::~topic_source() {
  shared_->topic_receivers.fetch_sub(1, std::memory_order_relaxed);
  try {
    shared_->send_to_bus(topic_detach{id_});
  } catch (...) {
    // out of memory while unsubscribing: the route stays until the bus ends
  }
}

bool topic_source::closed() const noexcept { return queue_->closed(); }

std::uint64_t topic_source::fill(std::vector<event_ptr>& out, const time_point* deadline) {
  std::uint64_t lagged = 0;
  queue_->read(out, shared_->read_batch(), deadline, lagged);
  return lagged;
}

std::uint64_t topic_source::take_lagged() noexcept { return queue_->drain_lagged(); }

}  // namespace astrid::bus::detail
