// The subscriber census (shared/census.hpp) and the broadcast hub that
// counts its readers in it (shared/broadcast_hub.hpp).
#include "shared/broadcast_hub.hpp"
#include "shared/census.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <memory>
#include <vector>

using namespace std::chrono_literals;
using namespace astrid::bus::detail;
using astrid::bus::event_ptr;

namespace {

event_ptr any_event() {
  return std::make_shared<const astrid::event>(
      astrid::event{astrid::event_metadata::make("test"), astrid::events::custom{"n", nullptr}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(census)

BOOST_AUTO_TEST_CASE(subscribers_count_every_kind_but_routed) {
  subscriber_census c;
  c.add(subscriber_kind::receiver);
  c.add(subscriber_kind::topic_receiver);
  c.add(subscriber_kind::actor);
  c.add(subscriber_kind::sync);
  c.add(subscriber_kind::routed);
  c.add(subscriber_kind::routed);
  BOOST_TEST(c.subscribers() == 4u);
  BOOST_TEST(c.count(subscriber_kind::routed) == 2u);
  c.remove(subscriber_kind::sync);
  BOOST_TEST(c.subscribers() == 3u);
  BOOST_TEST(to_string(subscriber_kind::topic_receiver) == "topic_receiver");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(broadcast_hubs)

BOOST_AUTO_TEST_CASE(readers_count_as_receivers_and_an_event_with_none_is_not_stored) {
  subscriber_census c;
  broadcast_hub hub{4, c};
  BOOST_TEST(hub.push(any_event()) == 0u);
  auto cursor = hub.attach();
  BOOST_TEST(c.count(subscriber_kind::receiver) == 1u);
  BOOST_TEST(hub.push(any_event()) == 1u);
  std::vector<event_ptr> out;
  BOOST_TEST(hub.read(cursor, out, 10, nullptr) == 1u);  // only the one after attach
  hub.detach();
  BOOST_TEST(c.count(subscriber_kind::receiver) == 0u);
}

BOOST_AUTO_TEST_CASE(a_reader_that_falls_behind_learns_exactly_how_many_it_missed) {
  subscriber_census c;
  broadcast_hub hub{4, c};
  auto cursor = hub.attach();
  for (int i = 0; i < 10; ++i) hub.push(any_event());
  hub.catch_up(cursor);
  BOOST_TEST(cursor.drain_lagged() == 6u);
  std::vector<event_ptr> out;
  BOOST_TEST(hub.read(cursor, out, 10, nullptr) == 4u);
  hub.detach();
}

BOOST_AUTO_TEST_CASE(closing_wakes_a_waiting_reader) {
  subscriber_census c;
  broadcast_hub hub{4, c};
  auto cursor = hub.attach();
  auto reader = std::async(std::launch::async, [&] {
    std::vector<event_ptr> out;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    return hub.read(cursor, out, 10, &deadline);
  });
  hub.close();
  BOOST_TEST(reader.get() == 0u);
  BOOST_TEST(hub.closed());
  hub.detach();
}

BOOST_AUTO_TEST_SUITE_END()
