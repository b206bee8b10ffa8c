#include "core/rate_window.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <string>

using astrid::core::rate_window;
using namespace std::chrono_literals;

namespace {

// A clock that moves only when the test says so.
struct fake_clock {
  std::shared_ptr<std::chrono::steady_clock::time_point> t =
      std::make_shared<std::chrono::steady_clock::time_point>();
  rate_window::clock fn() const {
    return [t = t] { return *t; };
  }
  void advance(std::chrono::steady_clock::duration d) { *t += d; }
};

constexpr std::size_t ceiling = 1000;

}  // namespace

BOOST_AUTO_TEST_SUITE(rate_window_limiter)

BOOST_AUTO_TEST_CASE(payload_above_5_mib_is_rejected_whatever_the_quota) {
  fake_clock c;
  rate_window w{rate_window::default_max_payload_bytes, c.fn()};
  auto r = w.check_quota("src", "alice", 5 * 1024 * 1024 + 1, std::size_t(-1));
  BOOST_TEST(r.value_or("") == "Payload too large");
  BOOST_TEST(!w.check_quota("src", "alice", 5 * 1024 * 1024, std::size_t(-1)));
}

BOOST_AUTO_TEST_CASE(source_may_send_exactly_the_ceiling_and_one_more_byte_is_rejected) {
  fake_clock c;
  rate_window w{rate_window::default_max_payload_bytes, c.fn()};
  BOOST_TEST(!w.check_quota("src", "alice", 600, ceiling));
  c.advance(100ms);
  BOOST_TEST(!w.check_quota("src", "alice", 400, ceiling));
  BOOST_TEST(w.charged("src", "alice") == ceiling);
  c.advance(100ms);
  BOOST_TEST(w.check_quota("src", "alice", 1, ceiling).value_or("") == "Rate limit exceeded");
  // A rejected request charges nothing.
  BOOST_TEST(w.charged("src", "alice") == ceiling);
}

BOOST_AUTO_TEST_CASE(single_payload_above_the_ceiling_is_rate_limited) {
  fake_clock c;
  rate_window w{rate_window::default_max_payload_bytes, c.fn()};
  BOOST_TEST(w.check_quota("src", "", ceiling + 1, ceiling).value_or("") ==
             "Rate limit exceeded");
  BOOST_TEST(w.bucket_count() == 0u);
}

BOOST_AUTO_TEST_CASE(buckets_are_independent_per_source_and_principal) {
  fake_clock c;
  rate_window w{rate_window::default_max_payload_bytes, c.fn()};
  BOOST_TEST(!w.check_quota("s1", "alice", ceiling, ceiling));
  BOOST_TEST(w.check_quota("s1", "alice", 1, ceiling).has_value());
  BOOST_TEST(!w.check_quota("s1", "bob", ceiling, ceiling));
  BOOST_TEST(!w.check_quota("s2", "alice", ceiling, ceiling));
  // No ambiguity between ("ab", "c") and ("a", "bc").
  BOOST_TEST(!w.check_quota("ab", "c", ceiling, ceiling));
  BOOST_TEST(!w.check_quota("a", "bc", ceiling, ceiling));
  BOOST_TEST(w.bucket_count() == 5u);
}

BOOST_AUTO_TEST_CASE(full_ceiling_is_available_again_after_one_second) {
  fake_clock c;
  rate_window w{rate_window::default_max_payload_bytes, c.fn()};
  BOOST_TEST(!w.check_quota("src", "p", ceiling, ceiling));
  c.advance(999ms);
  BOOST_TEST(w.check_quota("src", "p", 1, ceiling).has_value());
  c.advance(1ms);
  BOOST_TEST(!w.check_quota("src", "p", ceiling, ceiling));
}

BOOST_AUTO_TEST_CASE(budget_comes_back_gradually_as_old_charges_leave_the_window) {
  fake_clock c;
  rate_window w{rate_window::default_max_payload_bytes, c.fn()};
  for (int i = 0; i < 10; ++i) {
    BOOST_TEST(!w.check_quota("src", "p", 100, ceiling));
    c.advance(100ms);
  }
  // t = 1000ms: the charge made at t = 0 has expired, the other nine remain.
  BOOST_TEST(w.charged("src", "p") == 900u);
  BOOST_TEST(!w.check_quota("src", "p", 100, ceiling));
  BOOST_TEST(w.check_quota("src", "p", 1, ceiling).has_value());
}

BOOST_AUTO_TEST_CASE(rolling_window_never_admits_twice_the_ceiling_across_a_second_boundary) {
  fake_clock c;
  rate_window w{rate_window::default_max_payload_bytes, c.fn()};
  // A fixed window opened at t=0 would reset at t=1s and admit another
  // full ceiling at t=1.1s: 2x within 200 ms. The rolling window refuses.
  BOOST_TEST(!w.check_quota("src", "p", 1, ceiling));
  c.advance(900ms);
  BOOST_TEST(!w.check_quota("src", "p", ceiling - 1, ceiling));
  c.advance(200ms);
  BOOST_TEST(w.charged("src", "p") == ceiling - 1);
  BOOST_TEST(w.check_quota("src", "p", 2, ceiling).has_value());
  BOOST_TEST(!w.check_quota("src", "p", 1, ceiling));
}

BOOST_AUTO_TEST_CASE(many_tiny_charges_within_a_millisecond_are_merged_conservatively) {
  fake_clock c;
  rate_window w{rate_window::default_max_payload_bytes, c.fn()};
  for (int i = 0; i < 1000; ++i) {
    BOOST_TEST(!w.check_quota("src", "p", 1, ceiling));
    c.advance(std::chrono::microseconds{1});  // all within the same ms
  }
  BOOST_TEST(w.check_quota("src", "p", 1, ceiling).has_value());
  // The merged entry expires a second after its latest charge, not its first.
  c.advance(1000ms - std::chrono::microseconds{1000});
  BOOST_TEST(w.check_quota("src", "p", 1, ceiling).has_value());
  c.advance(1ms);
  BOOST_TEST(!w.check_quota("src", "p", ceiling, ceiling));
}

BOOST_AUTO_TEST_CASE(idle_buckets_are_pruned_so_memory_does_not_grow_with_sources_seen) {
  fake_clock c;
  rate_window w{rate_window::default_max_payload_bytes, c.fn()};
  for (int i = 0; i < 10000; ++i)
    BOOST_TEST(!w.check_quota("src-" + std::to_string(i), "p", 10, ceiling));
  BOOST_TEST(w.bucket_count() <= 10000u);
  BOOST_TEST(w.bucket_count() > 1000u);
  c.advance(2s);
  // Amortised pruning: within max(1024, buckets) further checks the idle
  // buckets are swept, without any explicit prune() call.
  for (int i = 0; i < 10000; ++i) w.check_quota("fresh", "p", 0, ceiling);
  BOOST_TEST(w.bucket_count() <= 1u);
  // Live buckets survive a sweep.
  BOOST_TEST(!w.check_quota("live", "p", 10, ceiling));
  c.advance(500ms);
  w.prune();
  BOOST_TEST(w.charged("live", "p") == 10u);
  BOOST_TEST(w.bucket_count() == 1u);
}

BOOST_AUTO_TEST_CASE(custom_payload_cap_is_honoured) {
  fake_clock c;
  rate_window w{100, c.fn()};
  BOOST_TEST(w.max_payload_bytes() == 100u);
  BOOST_TEST(w.check_quota("s", "p", 101, ceiling).value_or("") == "Payload too large");
  BOOST_TEST(!w.check_quota("s", "p", 100, ceiling));
}

BOOST_AUTO_TEST_SUITE_END()
