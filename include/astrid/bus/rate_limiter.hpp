// The guest IPC limiter without actors: a hard cap per payload and a byte
// ceiling per (source, principal) over a rolling second, so one capsule
// cannot flood the bus or starve another capsule's principal.
#pragma once

#include <astrid/messages.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace astrid::bus {

/// The reason publish_ipc and check_quota give for a payload above the cap.
inline constexpr std::string_view reason_payload_too_large = "Payload too large";
/// The reason publish_ipc and check_quota give for a payload beyond the
/// (source, principal) byte ceiling of the last second.
inline constexpr std::string_view reason_rate_limit_exceeded = "Rate limit exceeded";

/// Per-(source, principal) quota check. Not thread-safe: one owner (the bus
/// keeps one inside its rate-limiter actor).
class ipc_rate_limiter {
 public:
  /// Time source; injected so tests never sleep.
  using clock = std::function<std::chrono::steady_clock::time_point()>;

  /// A limiter refusing payloads above `max_payload_bytes` (default 5 MiB),
  /// reading time from `now` (steady_clock when empty). Throws std::bad_alloc only.
  explicit ipc_rate_limiter(std::size_t max_payload_bytes = 5 * 1024 * 1024, clock now = {});
  ~ipc_rate_limiter();
  ipc_rate_limiter(ipc_rate_limiter&&) noexcept;
  ipc_rate_limiter& operator=(ipc_rate_limiter&&) noexcept;

  /// nullopt = allowed (and `size_bytes` charged); otherwise
  /// reason_payload_too_large (above the cap, whatever the quota) or
  /// reason_rate_limit_exceeded (this would exceed `max_bytes_per_sec`
  /// within the last second), and nothing is charged. Throws std::bad_alloc only.
  std::optional<std::string> check_quota(const astrid::uuid& source, std::string_view principal,
                                         std::size_t size_bytes, std::size_t max_bytes_per_sec);

  /// Buckets held; idle ones are pruned as checks go by. Never throws.
  std::size_t bucket_count() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace astrid::bus
