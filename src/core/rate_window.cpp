// Rolling-window buckets for rate_window.hpp: each bucket keeps a FIFO of
// (time, bytes) charges and their running sum; charges older than one second
// are dropped from the front before every decision.
#include "core/rate_window.hpp"

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace astrid::core {

namespace {

using time_point = std::chrono::steady_clock::time_point;

struct charge {
  time_point opened;  // first charge merged into this entry
  time_point last;    // latest one: the entry expires a window after it
  std::size_t bytes;
};

struct bucket {
  std::deque<charge> charges;
  std::size_t sum = 0;

  void expire(time_point now) {
    while (!charges.empty() && charges.front().last + rate_window::window <= now) {
      sum -= charges.front().bytes;
      charges.pop_front();
    }
  }
};

// Unambiguous key: the source's length, then both strings.
std::string make_key(std::string_view source, std::string_view principal) {
  std::string key = std::to_string(source.size());
  key.reserve(key.size() + 1 + source.size() + principal.size());
  key += ':';
  key += source;
  key += principal;
  return key;
}

constexpr std::size_t min_prune_interval = 1024;

}  // namespace

struct rate_window::impl {
  std::size_t max_payload;
  clock now;
  std::unordered_map<std::string, bucket> buckets;
  std::size_t calls_since_prune = 0;
};

rate_window::rate_window(std::size_t max_payload_bytes, clock now)
    : impl_{std::make_unique<impl>()} {
  impl_->max_payload = max_payload_bytes;
  impl_->now = now ? std::move(now) : clock{[] { return std::chrono::steady_clock::now(); }};
}
rate_window::~rate_window() = default;
rate_window::rate_window(rate_window&&) noexcept = default;
rate_window& rate_window::operator=(rate_window&&) noexcept = default;

std::optional<std::string> rate_window::check_quota(std::string_view source,
                                                    std::string_view principal,
                                                    std::size_t size_bytes,
                                                    std::size_t max_bytes_per_sec) {
  auto& st = *impl_;
  if (size_bytes > st.max_payload) return std::string{payload_too_large};
  const auto t = st.now();
  if (++st.calls_since_prune >= std::max(min_prune_interval, st.buckets.size())) prune();

  auto key = make_key(source, principal);
  auto it = st.buckets.find(key);
  if (it == st.buckets.end()) {
    if (size_bytes > max_bytes_per_sec) return std::string{rate_limit_exceeded};
    it = st.buckets.emplace(std::move(key), bucket{}).first;
  }
  auto& b = it->second;
  b.expire(t);
  // Written to avoid overflow: sum <= max is an invariant of admitted charges.
  if (b.sum > max_bytes_per_sec || size_bytes > max_bytes_per_sec - b.sum) {
    if (b.charges.empty()) st.buckets.erase(it);
    return std::string{rate_limit_exceeded};
  }
  if (size_bytes == 0) return std::nullopt;
  if (!b.charges.empty() && t - b.charges.back().opened < merge_granularity) {
    b.charges.back().last = t;
    b.charges.back().bytes += size_bytes;
  } else {
    b.charges.push_back(charge{t, t, size_bytes});
  }
  b.sum += size_bytes;
  return std::nullopt;
}

std::size_t rate_window::charged(std::string_view source, std::string_view principal) const {
  auto it = impl_->buckets.find(make_key(source, principal));
  if (it == impl_->buckets.end()) return 0;
  it->second.expire(impl_->now());
  return it->second.sum;
}

std::size_t rate_window::bucket_count() const noexcept { return impl_->buckets.size(); }

std::size_t rate_window::prune() {
  auto& st = *impl_;
  st.calls_since_prune = 0;
  const auto t = st.now();
  std::size_t dropped = 0;
  for (auto it = st.buckets.begin(); it != st.buckets.end();) {
    it->second.expire(t);
    if (it->second.charges.empty()) {
      it = st.buckets.erase(it);
      ++dropped;
    } else {
      ++it;
    }
  }
  return dropped;
}

std::size_t rate_window::max_payload_bytes() const noexcept { return impl_->max_payload; }

}  // namespace astrid::core
