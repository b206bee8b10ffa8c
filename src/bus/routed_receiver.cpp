// routed_receiver: a move-only handle on a routed_source (see
// bus/routed_source.hpp), local or on another node's bus.
#include <astrid/bus/routed_receiver.hpp>

#include "bus/routed_source.hpp"
#include "core/routed_queues.hpp"

namespace astrid::bus {

namespace {
const std::string no_label;
const routed_scope no_scope = routed_scope::everyone();
const astrid::uuid no_capsule;
}  // namespace

routed_receiver::routed_receiver(std::unique_ptr<detail::routed_source> source) noexcept
    : source_{std::move(source)} {}

routed_receiver::routed_receiver(routed_receiver&&) noexcept = default;
routed_receiver& routed_receiver::operator=(routed_receiver&&) noexcept = default;
routed_receiver::~routed_receiver() = default;

std::optional<event_ptr> routed_receiver::recv(std::chrono::milliseconds timeout) {
  if (!source_) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  return source_->next(&deadline);
}

std::optional<event_ptr> routed_receiver::try_recv() {
  if (!source_) return std::nullopt;
  return source_->next(nullptr);
}

std::vector<event_ptr> routed_receiver::try_drain(std::size_t budget_bytes) {
  if (!source_) return {};
  return source_->drain(budget_bytes);
}

bool routed_receiver::closed() const noexcept { return !source_ || source_->closed(); }

const std::string& routed_receiver::label() const noexcept {
  return source_ ? source_->owner().label : no_label;
}

const std::string& routed_receiver::capsule_label() const noexcept {
  return source_ ? source_->owner().capsule_label : no_label;
}

const astrid::uuid& routed_receiver::capsule() const noexcept {
  return source_ ? source_->owner().capsule : no_capsule;
}

const routed_scope& routed_receiver::scope() const noexcept {
  return source_ ? source_->scope() : no_scope;
}

std::size_t routed_receiver::queued_bytes() const noexcept {
  return source_ ? source_->bytes() : 0;
}

std::size_t routed_receiver::queued_events() const noexcept {
  return source_ ? source_->size() : 0;
}

std::size_t routed_receiver::queued_principals() const noexcept {
  return source_ ? source_->principal_count() : 0;
}

bool routed_receiver::waiting() const noexcept { return source_ && source_->waiting(); }

std::uint64_t routed_receiver::wakeups() const noexcept {
  return source_ ? source_->wakes() : 0;
}

}  // namespace astrid::bus
