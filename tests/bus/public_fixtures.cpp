// The fixtures a user's Boost.Test suite gets from <astrid/bus/test_fixture.hpp>,
// used as a user would: nothing here includes the project's own helpers.
#include <astrid/bus/test_fixture.hpp>

#include <boost/test/unit_test.hpp>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scheduler/abstract_coordinator.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <condition_variable>
#include <mutex>

using namespace std::chrono_literals;

namespace {

astrid::event note(std::int64_t n) {
  astrid::ipc_message msg;
  msg.topic = "app.notes";
  msg.payload = astrid::payloads::custom{nlohmann::json(n)};
  return astrid::make_ipc_event(std::move(msg));
}

std::int64_t number(const astrid::event& ev) {
  return astrid::as_ipc(ev)->payload.get_if<astrid::payloads::custom>()->data.get<std::int64_t>();
}

struct seven_workers : astrid::bus::test::bus_fixture {
  seven_workers()
      : bus_fixture{{}, [](caf::actor_system_config& cfg) {
                      cfg.set("scheduler.max-threads", 7);
                    }} {}
};

// What an actor subscriber on the connected node received.
struct inbox {
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<std::int64_t> numbers;
  bool wait_for(std::size_t n) {
    std::unique_lock<std::mutex> lock{mutex};
    return cv.wait_for(lock, 30s, [&] { return numbers.size() >= n; });
  }
};

astrid::bus::event_sink::behavior_type collect(astrid::bus::event_sink::pointer,
                                               std::shared_ptr<inbox> box) {
  return {[=](const astrid::bus::event_batch& b) {
    {
      std::lock_guard<std::mutex> guard{box->mutex};
      for (const auto& ev : b.events) box->numbers.push_back(number(*ev));
    }
    box->cv.notify_all();
  }};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(public_bus_fixture, seven_workers)

BOOST_AUTO_TEST_CASE(a_derived_fixture_configures_the_actor_system_it_gets) {
  BOOST_TEST(system().scheduler().num_workers() == 7u);
  auto rx = bus().subscribe();
  bus().publish(note(1));
  BOOST_TEST(recv_n(rx, 1).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(public_two_node_fixture, astrid::bus::test::two_node_fixture)

BOOST_AUTO_TEST_CASE(events_published_on_the_owner_reach_receivers_of_the_connected_bus) {
  auto rx = connected().subscribe_topic("app.*");
  owner().publish(note(1));
  connected().publish(note(2));
  auto got = recv_n(rx, 2);
  BOOST_REQUIRE_EQUAL(got.size(), 2u);
  BOOST_TEST(number(*got[0]) == 1);
  BOOST_TEST(astrid::as_ipc(*got[1])->seq == 2u);  // stamped by the owner
}

BOOST_AUTO_TEST_CASE(an_actor_of_the_connected_node_subscribes_to_the_owner) {
  auto box = std::make_shared<inbox>();
  astrid::bus::event_sink sink = connected_system().spawn(collect, box);
  const auto id = connected().subscribe_actor(sink, "app.*", "notes");
  for (std::int64_t i = 1; i <= 5; ++i) owner().publish(note(i));
  BOOST_REQUIRE(box->wait_for(5));
  {
    std::lock_guard<std::mutex> guard{box->mutex};
    BOOST_TEST((box->numbers == std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  }
  BOOST_TEST(connected().unsubscribe_actor(id));
  BOOST_TEST(!connected().unsubscribe_actor(id));
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(connected_bus_config)

BOOST_AUTO_TEST_CASE(the_connected_side_uses_its_own_capacity_and_message_limit) {
  astrid::bus::bus_config mine;
  mine.capacity = 4;
  mine.max_message_bytes = 64 * 1024;
  astrid::bus::test::two_node_fixture nodes{{}, mine};
  BOOST_TEST(nodes.connected().capacity() == 4u);
  BOOST_TEST(nodes.connected().config().max_message_bytes == 64u * 1024u);
  // An event beyond this side's message limit is refused here, naming it.
  astrid::ipc_message big;
  big.topic = "app.big";
  big.payload = astrid::payloads::custom{nlohmann::json(std::string(100 * 1024, 'x'))};
  BOOST_CHECK_EXCEPTION(nodes.connected().publish(astrid::make_ipc_event(big)),
                        std::invalid_argument, [](const std::invalid_argument& e) {
                          return std::string{e.what()}.find("max_message_bytes") !=
                                 std::string::npos;
                        });
}

BOOST_AUTO_TEST_SUITE_END()
