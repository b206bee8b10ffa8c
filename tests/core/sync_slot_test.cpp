// The life of one sync subscriber (core/sync_slot.hpp), without actors:
// stop-and-wait delivery, crashes that restart and lose nothing, removals
// that wait for the event in flight, and self-removal.
#include "core/sync_slot.hpp"

#include <boost/test/unit_test.hpp>

#include <vector>

using namespace astrid::core;

namespace {

// Delivers everything the slot lets out, answering each with `outcome`.
std::vector<int> run(sync_slot<int>& slot, sync_outcome outcome) {
  std::vector<int> delivered;
  while (auto next = slot.take()) {
    delivered.push_back(*next);
    slot.finish(outcome);
  }
  return delivered;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sync_slots)

BOOST_AUTO_TEST_CASE(one_event_is_in_flight_at_a_time_and_the_rest_wait_in_order) {
  sync_slot<int> slot;
  for (int i = 0; i < 3; ++i) slot.push(i);
  auto first = slot.take();
  BOOST_REQUIRE(first);
  BOOST_TEST(*first == 0);
  BOOST_TEST(slot.busy());
  BOOST_TEST(!slot.take());  // stop-and-wait
  BOOST_TEST(slot.waiting() == 2u);
  BOOST_TEST((slot.finish(sync_outcome::handled) == sync_step::deliver));
  BOOST_TEST((run(slot, sync_outcome::handled) == std::vector<int>{1, 2}));
  BOOST_TEST(!slot.busy());
}

BOOST_AUTO_TEST_CASE(a_handled_event_with_nothing_waiting_leaves_the_slot_idle) {
  sync_slot<int> slot;
  slot.push(1);
  slot.take();
  BOOST_TEST((slot.finish(sync_outcome::handled) == sync_step::idle));
}

BOOST_AUTO_TEST_CASE(a_crash_restarts_and_the_events_behind_it_are_still_delivered) {
  sync_slot<int> slot;
  for (int i = 0; i < 4; ++i) slot.push(i);
  slot.take();
  BOOST_TEST((slot.finish(sync_outcome::crashed) == sync_step::restart));
  BOOST_TEST(slot.crashes() == 1u);
  BOOST_TEST(!slot.leaving());
  BOOST_TEST((run(slot, sync_outcome::handled) == std::vector<int>{1, 2, 3}));
}

BOOST_AUTO_TEST_CASE(a_removal_while_idle_releases_at_once_and_delivers_nothing_more) {
  sync_slot<int> slot;
  slot.push(6);
  BOOST_TEST(slot.leave());
  slot.push(7);  // arrives after the removal: dropped
  BOOST_TEST(!slot.take());
  BOOST_TEST(slot.waiting() == 1u);  // 6 goes with the slot, when its owner drops it
}

BOOST_AUTO_TEST_CASE(a_removal_waits_for_the_event_in_flight_whatever_its_outcome) {
  for (auto outcome : {sync_outcome::handled, sync_outcome::crashed, sync_outcome::unsubscribed,
                       sync_outcome::lost}) {
    sync_slot<int> slot;
    slot.push(1);
    slot.push(2);
    slot.take();
    BOOST_TEST(!slot.leave());  // 1 is in flight: not yet
    BOOST_TEST((slot.finish(outcome) == sync_step::release_requested));
    BOOST_TEST(!slot.take());
  }
}

BOOST_AUTO_TEST_CASE(a_handler_that_unsubscribes_is_released_and_gets_nothing_more) {
  sync_slot<int> slot;
  slot.push(1);
  slot.push(2);
  slot.take();
  BOOST_TEST((slot.finish(sync_outcome::unsubscribed) == sync_step::release_unsubscribed));
  BOOST_TEST(slot.leaving());
  BOOST_TEST(!slot.take());
}

BOOST_AUTO_TEST_CASE(a_lost_remote_subscriber_is_released_without_restart) {
  sync_slot<int> slot;
  slot.push(1);
  slot.take();
  BOOST_TEST((slot.finish(sync_outcome::lost) == sync_step::release_lost));
  BOOST_TEST(slot.crashes() == 0u);

  sync_slot<int> idle;
  BOOST_TEST((idle.lose() == sync_step::release_lost));
  sync_slot<int> busy;
  busy.push(1);
  busy.take();
  BOOST_TEST((busy.lose() == sync_step::idle));  // its failure comes through finish
  sync_slot<int> leaving;
  leaving.leave();
  BOOST_TEST((leaving.lose() == sync_step::release_requested));
}

BOOST_AUTO_TEST_SUITE_END()
