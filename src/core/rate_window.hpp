// The IPC rate limiter's algorithm: per (source, principal) byte budgets over
// a true rolling one-second window. The reference reset a fixed window, which
// admits twice the ceiling around its edge; this one never does.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace astrid::core {

/// Reason returned when a payload exceeds the hard size cap.
inline constexpr std::string_view payload_too_large = "Payload too large";
/// Reason returned when admitting a payload would exceed the byte ceiling.
inline constexpr std::string_view rate_limit_exceeded = "Rate limit exceeded";

/// Admits or rejects IPC payloads per (source, principal) bucket. A bucket
/// admits at most `max_bytes_per_sec` bytes within any one-second window
/// (charges expire exactly one second after they were made). Idle buckets
/// are pruned, amortised over calls. Not thread-safe.
class rate_window {
 public:
  /// Time source; injected so tests never sleep.
  using clock = std::function<std::chrono::steady_clock::time_point()>;
  /// Length of the rolling window.
  static constexpr std::chrono::seconds window{1};
  /// Charges closer than this are merged into one entry, keeping the later
  /// time (so merging can only make the limiter stricter, never laxer) and
  /// bounding a bucket to ~1,000 entries however small the payloads.
  static constexpr std::chrono::milliseconds merge_granularity{1};
  /// Hard cap on one payload: 5 MiB, as in the reference, so a single guest
  /// message cannot exhaust memory whatever its quota.
  static constexpr std::size_t default_max_payload_bytes = 5 * 1024 * 1024;

  /// A limiter rejecting payloads above `max_payload_bytes`, reading time
  /// from `now` (std::chrono::steady_clock::now when empty). Never throws
  /// beyond std::bad_alloc.
  explicit rate_window(std::size_t max_payload_bytes = default_max_payload_bytes,
                       clock now = {});
  ~rate_window();
  /// Moves; the moved-from object may only be assigned to or destroyed.
  rate_window(rate_window&&) noexcept;
  rate_window& operator=(rate_window&&) noexcept;
  rate_window(const rate_window&) = delete;
  rate_window& operator=(const rate_window&) = delete;

  /// Returns nullopt and charges `size_bytes` to the bucket (source,
  /// principal) when admitted; otherwise returns "Payload too large" (size
  /// above the payload cap, whatever the quota) or "Rate limit exceeded"
  /// (bytes charged in the last second + size > max_bytes_per_sec) and
  /// charges nothing. Throws std::bad_alloc only.
  std::optional<std::string> check_quota(std::string_view source, std::string_view principal,
                                         std::size_t size_bytes,
                                         std::size_t max_bytes_per_sec);

  /// Bytes charged to (source, principal) within the last second.
  std::size_t charged(std::string_view source, std::string_view principal) const;

  /// Buckets currently held (including idle ones not pruned yet).
  std::size_t bucket_count() const noexcept;

  /// Drops every bucket with no charge in the last second now. Called
  /// automatically once every max(1,024, bucket_count()) checks, which keeps
  /// the sweep amortised O(1) per check. Returns the buckets dropped.
  std::size_t prune();

  /// The payload cap given at construction.
  std::size_t max_payload_bytes() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace astrid::core
