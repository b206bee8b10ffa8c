// Blocking calls without a scoped_actor (shared/call.hpp): the call ends
// when the last ticket is dropped, answered or not, so a caller never hangs
// on actors that are gone.
#include "shared/call.hpp"

#include <boost/test/unit_test.hpp>

#include <optional>
#include <thread>

using namespace astrid::bus::detail;

BOOST_AUTO_TEST_SUITE(calls)

BOOST_AUTO_TEST_CASE(the_last_ticket_dropped_completes_the_call_with_every_update) {
  auto [token, state] = make_call<int>();
  auto copy = token;  // two actors work on it
  copy->update([](int& x) { x += 2; });
  copy.reset();
  BOOST_TEST(!state->ready());
  token->update([](int& x) { x += 3; });
  token.reset();
  BOOST_TEST(state->ready());
  BOOST_TEST((state->wait() == std::optional<int>{5}));
}

BOOST_AUTO_TEST_CASE(a_ticket_dropped_unanswered_ends_the_call_empty) {
  auto [token, state] = make_call<int>();
  std::thread dropper{[t = std::move(token)]() mutable { t.reset(); }};
  BOOST_TEST(!state->wait().has_value());
  dropper.join();
}

BOOST_AUTO_TEST_CASE(an_asynchronous_call_hands_its_value_to_the_callback) {
  std::optional<int> seen;
  bool called = false;
  {
    auto t = make_async_call<int>([&](std::optional<int> v) {
      called = true;
      seen = v;
    });
    t->set(7);
  }
  BOOST_TEST(called);
  BOOST_TEST((seen == std::optional<int>{7}));
}

BOOST_AUTO_TEST_SUITE_END()
