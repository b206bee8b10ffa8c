// A bound on the values a metrics label takes. Some labels come from users
// (receiver labels, capsule labels): without a bound, 10,000 receivers
// labelled apart would make 10,000 time series, which is what Prometheus
// warns against. The first `limit` values seen keep their own series; every
// later one is counted under "other". The choice is sticky, so a counter
// never moves from one series to another and every series only grows.
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace astrid::core {

/// Admits at most `limit` distinct label values. Not thread-safe.
class label_bound {
 public:
  /// The value that stands for every value past the limit.
  static constexpr std::string_view overflow = "other";

  /// A bound admitting `limit` values (0 = every value goes to "other").
  explicit label_bound(std::size_t limit) : limit_{limit} {}

  /// `value` when it has (or now gets) a series of its own, else "other".
  /// A value is never admitted after one was refused. Throws std::bad_alloc only.
  std::string_view admit(std::string_view value) {
    if (auto it = admitted_.find(value); it != admitted_.end()) return *it;
    if (admitted_.size() >= limit_ || value == overflow) return overflow;
    return *admitted_.emplace(value).first;
  }

  /// Values admitted so far. Never throws.
  std::size_t admitted() const noexcept { return admitted_.size(); }
  /// The limit given at construction. Never throws.
  std::size_t limit() const noexcept { return limit_; }

 private:
  std::size_t limit_;
  std::set<std::string, std::less<>> admitted_;
};

}  // namespace astrid::core
