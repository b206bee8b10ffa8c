// The consuming end of a remote subscription (see remote_receiver.hpp).
#include "actors/remote_receiver.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>
#include <caf/system_messages.hpp>

namespace astrid::bus::detail {

void remote_queue::push(wire_batch& batch) {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    remote_lagged_ += batch.lagged;
    for (auto& w : batch.events) queue_.push(std::move(w.ev));
  }
  cv_.notify_all();
}

void remote_queue::close() noexcept {
  {
    std::lock_guard<std::mutex> guard{mutex_};
    closed_ = true;
  }
  cv_.notify_all();
}

std::uint64_t remote_queue::read(std::vector<event_ptr>& out, std::size_t max,
                                 const std::chrono::steady_clock::time_point* deadline) {
  std::unique_lock<std::mutex> lock{mutex_};
  if (deadline != nullptr && queue_.empty() && !closed_)
    cv_.wait_until(lock, *deadline, [&] { return !queue_.empty() || closed_; });
  queue_.pop_into(out, max);
  return queue_.lagged() + remote_lagged_;
}

std::uint64_t remote_queue::drain_lagged() noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return queue_.drain_lagged() + std::exchange(remote_lagged_, 0);
}

bool remote_queue::closed() const noexcept {
  std::lock_guard<std::mutex> guard{mutex_};
  return closed_;
}

namespace {

// Takes its state as arguments: CAF 0.17 spawns argument-less functions
// through a null std::shared_ptr<std::tuple<>> (UBSan reports it).
caf::behavior receiver_behavior(caf::event_based_actor* self, std::shared_ptr<remote_queue> queue,
                                caf::actor gateway) {
  self->monitor(gateway);
  self->set_down_handler([=](caf::down_msg&) {
    queue->close();
    self->quit();
  });
  self->attach_functor([queue] { queue->close(); });
  return {[=](wire_batch& batch) { queue->push(batch); }};
}

}  // namespace

caf::actor spawn_remote_receiver(caf::actor_system& sys, std::shared_ptr<remote_queue> queue,
                                 caf::actor gateway) {
  return sys.spawn(receiver_behavior, std::move(queue), std::move(gateway));
}

remote_source::remote_source(std::shared_ptr<bus_shared> shared,
                             std::shared_ptr<remote_queue> queue, caf::actor receiver,
                             std::string label)
    : receiver_source{std::move(shared), std::move(label)},
      queue_{std::move(queue)},
      receiver_{std::move(receiver)} {}

remote_source::~remote_source() {
  caf::anon_send_exit(receiver_, caf::exit_reason::user_shutdown);
}

std::uint64_t remote_source::fill(std::vector<event_ptr>& out, const time_point* deadline) {
  return queue_->read(out, shared_->read_batch(), deadline);
}

}  // namespace astrid::bus::detail
