// AstridEvent: every one of the 58 kinds round-trips with its metadata,
// optional fields are written as null, and the helpers the bus relies on
// (event_type, event_tag, is_security_event, as_ipc, make_ipc_event,
// event_metadata::make) behave as the reference's.
#include <boost/test/unit_test.hpp>
#include <set>

#include "test_support.hpp"

using astrid::test::json;
namespace events = astrid::events;

namespace {

constexpr std::size_t event_kinds = std::variant_size_v<astrid::event_data>;

astrid::event sample_event(std::size_t index, bool full) {
  astrid::event ev;
  ev.metadata.event_id = *astrid::uuid::parse("6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6");
  ev.metadata.timestamp = {1741064767, 120000000};
  ev.metadata.source = "kernel";
  if (full) ev.metadata.correlation_id = astrid::uuid::random();
  ev.data = astrid::test::sample_variant<astrid::event_data>(index, full);
  return ev;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(event_roundtrip)

BOOST_AUTO_TEST_CASE(there_are_58_event_kinds) { BOOST_TEST(event_kinds == 58u); }

BOOST_AUTO_TEST_CASE(every_event_kind_round_trips_full_and_minimal) {
  for (std::size_t i = 0; i < event_kinds; ++i) {
    for (bool full : {true, false}) {
      const auto ev = sample_event(i, full);
      BOOST_TEST((astrid::decode_event(astrid::encode(ev)) == ev), astrid::event_tag(ev));
      BOOST_TEST((astrid::decode_event(astrid::parse_json(astrid::encode_text(ev))) == ev),
                 astrid::event_tag(ev));
    }
  }
}

BOOST_AUTO_TEST_CASE(type_then_metadata_lead_the_encoding) {
  const auto ev = sample_event(0, true);
  BOOST_TEST(astrid::encode_text(ev).rfind(R"({"type":"runtime_started","metadata":{"event_id":)",
                                           0) == 0u);
}

BOOST_AUTO_TEST_CASE(optional_event_fields_are_written_as_null_and_read_when_missing) {
  astrid::event ev{astrid::event_metadata::make("x"), events::runtime_stopped{}};
  json j = astrid::encode(ev);
  BOOST_TEST(j.contains("reason"));
  BOOST_TEST(j["reason"].is_null());
  BOOST_TEST(j["metadata"]["correlation_id"].is_null());
  j.erase("reason");
  j["metadata"].erase("user_id");
  BOOST_TEST((astrid::decode_event(j) == ev));
}

BOOST_AUTO_TEST_CASE(config_reloaded_has_only_type_and_metadata) {
  astrid::event ev{astrid::event_metadata::make("x"), events::config_reloaded{}};
  BOOST_TEST(astrid::encode(ev).size() == 2u);
}

BOOST_AUTO_TEST_CASE(ipc_events_nest_a_full_ipc_message) {
  astrid::ipc_message msg;
  msg.topic = "astrid.v1.capsule.echo.out";
  msg.payload = astrid::payloads::agent_response{"hi", true, "s1"};
  msg.principal = "alice";
  const auto ev = astrid::make_ipc_event(msg);
  const json j = astrid::encode(ev);
  BOOST_TEST(j["type"] == "ipc");
  BOOST_TEST(j["message"]["payload"]["is_final"] == true);
  BOOST_TEST((astrid::decode_event(j) == ev));
}

BOOST_AUTO_TEST_CASE(budget_percent_accepts_integers_and_writes_floats_like_serde) {
  const json j = json::parse(
      R"({"type":"budget_warning","metadata":{"event_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
    "timestamp":"2024-01-01T00:00:00Z","correlation_id":null,"session_id":null,"user_id":null,"source":"r"},
    "budget_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6","remaining_cents":5,"percent_used":50})");
  const auto ev = astrid::decode_event(j);
  BOOST_TEST(std::get<events::budget_warning>(ev.data).percent_used == 50.0);
  BOOST_TEST(astrid::encode_text(ev).find(R"("percent_used":50.0})") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(event_helpers)

BOOST_AUTO_TEST_CASE(event_type_is_lifecycle_prefixed_except_ipc_and_custom) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < event_kinds; ++i) {
    const auto ev = sample_event(i, false);
    const std::string tag(astrid::event_tag(ev));
    const std::string type(astrid::event_type(ev));
    seen.insert(type);
    if (tag == "ipc" || tag == "custom") {
      BOOST_TEST(type == tag);
    } else {
      BOOST_TEST(type == "astrid.v1.lifecycle." + tag);
    }
    BOOST_TEST(astrid::encode(ev)["type"] == tag);
  }
  BOOST_TEST(seen.size() == event_kinds);
}

BOOST_AUTO_TEST_CASE(exactly_the_eight_security_kinds_are_security_events) {
  const std::set<std::string> security{
      "capability_granted", "capability_revoked", "capability_checked", "authorization_denied",
      "security_violation", "approval_requested", "approval_granted",   "approval_denied"};
  for (std::size_t i = 0; i < event_kinds; ++i) {
    const auto ev = sample_event(i, false);
    BOOST_TEST(
        astrid::is_security_event(ev) == security.contains(std::string(astrid::event_tag(ev))),
        astrid::event_tag(ev));
  }
}

BOOST_AUTO_TEST_CASE(metadata_make_gives_a_fresh_id_the_current_time_and_no_ids) {
  const auto before = astrid::timestamp::now();
  const auto a = astrid::event_metadata::make("kernel");
  const auto b = astrid::event_metadata::make("kernel");
  BOOST_TEST((a.event_id != b.event_id));
  BOOST_TEST(!a.event_id.is_nil());
  BOOST_TEST((a.timestamp >= before));
  BOOST_TEST(!a.correlation_id.has_value());
  BOOST_TEST(!a.session_id.has_value());
  BOOST_TEST(!a.user_id.has_value());
  BOOST_TEST(a.source == "kernel");
}

BOOST_AUTO_TEST_CASE(as_ipc_returns_the_message_only_for_ipc_events) {
  astrid::event plain{astrid::event_metadata::make("kernel"), events::runtime_started{"1.0"}};
  BOOST_TEST(astrid::as_ipc(plain) == nullptr);
  astrid::ipc_message msg;
  msg.topic = "t";
  auto ev = astrid::make_ipc_event(msg);
  BOOST_TEST(ev.metadata.source == "ipc");
  BOOST_REQUIRE(astrid::as_ipc(ev) != nullptr);
  astrid::as_ipc(ev)->seq = 7;
  const astrid::event& cev = ev;
  BOOST_TEST(astrid::as_ipc(cev)->seq == 7u);
  BOOST_TEST(astrid::make_ipc_event(msg, "capsule").metadata.source == "capsule");
}

BOOST_AUTO_TEST_SUITE_END()
