// ipc_rate_limiter: the facade's quota check, keyed by the textual source
// uuid, delegating the rolling-window arithmetic to core::rate_window.
#include <astrid/bus/rate_limiter.hpp>

#include "core/rate_window.hpp"

namespace astrid::bus {

static_assert(reason_payload_too_large == core::payload_too_large &&
                  reason_rate_limit_exceeded == core::rate_limit_exceeded,
              "the public reasons are the ones the limiter gives");

struct ipc_rate_limiter::impl {
  core::rate_window window;
};

ipc_rate_limiter::ipc_rate_limiter(std::size_t max_payload_bytes, clock now)
    : impl_{std::make_unique<impl>(impl{core::rate_window{max_payload_bytes, std::move(now)}})} {}

ipc_rate_limiter::~ipc_rate_limiter() = default;
ipc_rate_limiter::ipc_rate_limiter(ipc_rate_limiter&&) noexcept = default;
ipc_rate_limiter& ipc_rate_limiter::operator=(ipc_rate_limiter&&) noexcept = default;

std::optional<std::string> ipc_rate_limiter::check_quota(const astrid::uuid& source,
                                                         std::string_view principal,
                                                         std::size_t size_bytes,
                                                         std::size_t max_bytes_per_sec) {
  return impl_->window.check_quota(to_string(source), principal, size_bytes, max_bytes_per_sec);
}

std::size_t ipc_rate_limiter::bucket_count() const noexcept {
  return impl_->window.bucket_count();
}

}  // namespace astrid::bus
