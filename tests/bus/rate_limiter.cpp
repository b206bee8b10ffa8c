// BEHAVIOUR.md, "Rate limiter", as the public ipc_rate_limiter and
// publish_ipc apply it: the payload cap, buckets keyed by source uuid and
// principal, and the named reasons. The rolling window itself (ceiling,
// refill, pruning) is pinned in tests/core/rate_window_test.cpp.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

constexpr std::size_t mib = 1024 * 1024;

struct fake_clock {
  std::shared_ptr<std::chrono::steady_clock::time_point> now =
      std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  ipc_rate_limiter::clock fn() const {
    return [t = now] { return *t; };
  }
  void advance(std::chrono::milliseconds d) { *now += d; }
};

astrid::uuid source(int n) {
  astrid::uuid id;
  id.bytes[15] = static_cast<std::uint8_t>(n);
  id.bytes[14] = static_cast<std::uint8_t>(n >> 8);
  return id;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rate_limiter)

BOOST_AUTO_TEST_CASE(a_payload_above_5_mib_is_rejected_as_too_large_whatever_the_quota) {
  ipc_rate_limiter limiter;
  BOOST_CHECK(limiter.check_quota(source(1), "p", 5 * mib, 100 * mib) == std::nullopt);
  BOOST_CHECK(limiter.check_quota(source(2), "p", 5 * mib + 1, 100 * mib) ==
              std::optional<std::string>{reason_payload_too_large});
}

BOOST_AUTO_TEST_CASE(buckets_are_independent_per_source_uuid_and_principal) {
  fake_clock clock;
  ipc_rate_limiter limiter{5 * mib, clock.fn()};
  BOOST_CHECK(!limiter.check_quota(source(1), "alice", 1000, 1000));
  BOOST_CHECK(limiter.check_quota(source(1), "alice", 1, 1000));
  BOOST_CHECK(!limiter.check_quota(source(1), "bob", 1000, 1000));    // same source, other principal
  BOOST_CHECK(!limiter.check_quota(source(2), "alice", 1000, 1000));  // other source, same principal
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(publish_ipc, test::bus_fixture)

BOOST_AUTO_TEST_CASE(publish_ipc_refuses_a_payload_above_the_cap_and_counts_it) {
  auto msg = ipc_msg("capsule.out", 1);
  bus_config cfg;
  cfg.max_payload_bytes = astrid::ipc_size(msg) - 1;
  reset_bus(cfg);
  auto rx = bus().subscribe();
  auto r = bus().publish_ipc(msg);
  BOOST_CHECK(!r.accepted);
  BOOST_CHECK_EQUAL(r.reason, reason_payload_too_large);
  BOOST_CHECK(!rx.try_recv());
  BOOST_CHECK_EQUAL(bus().stats().rejected[std::string{reason_payload_too_large}], 1u);
}

BOOST_AUTO_TEST_CASE(publish_ipc_refuses_beyond_the_ceiling_and_counts_it) {
  auto msg = ipc_msg("capsule.out", 1);
  bus_config cfg;
  cfg.throughput_bytes_per_sec = astrid::ipc_size(msg) - 1;  // never fits, whatever the timing
  reset_bus(cfg);
  auto r = bus().publish_ipc(msg);
  BOOST_CHECK(!r.accepted);
  BOOST_CHECK_EQUAL(r.reason, reason_rate_limit_exceeded);
  auto s = bus().stats();
  BOOST_CHECK_EQUAL(s.rejected[std::string{reason_rate_limit_exceeded}], 1u);
  BOOST_CHECK_EQUAL(s.published_total(), 0u);
}

BOOST_AUTO_TEST_CASE(publish_ipc_publishes_and_stamps_what_it_accepts) {
  auto rx = bus().subscribe();
  auto topic = bus().subscribe_topic("capsule.*");
  auto r = bus().publish_ipc(ipc_msg("capsule.out", 5));
  BOOST_CHECK(r.accepted);
  BOOST_CHECK_EQUAL(r.receivers, 2u);
  BOOST_CHECK(r.reason.empty());
  auto ev = topic.try_recv();
  BOOST_REQUIRE(ev);
  BOOST_CHECK_EQUAL(astrid::as_ipc(**ev)->seq, 1u);
  BOOST_CHECK_EQUAL(bus().stats().published["ipc"], 1u);
}

BOOST_AUTO_TEST_SUITE_END()
