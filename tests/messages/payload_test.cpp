// IPC payloads and messages: every variant round-trips, every default,
// omission and null rule holds, and the reference's helper rules
// (from_json_value, to_guest_bytes, ipc_size, unknown tags) hold.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using astrid::test::json;
namespace payloads = astrid::payloads;

namespace {

constexpr std::size_t payload_kinds = std::variant_size_v<astrid::ipc_payload::variant_type>;

astrid::ipc_payload sample_payload(std::size_t index, bool full) {
  astrid::ipc_payload p;
  p.value = astrid::test::sample_variant<astrid::ipc_payload::variant_type>(index, full);
  return p;
}

json encoded(const astrid::ipc_payload& p) { return astrid::encode(p); }

}  // namespace

BOOST_AUTO_TEST_SUITE(ipc_payload_roundtrip)

BOOST_AUTO_TEST_CASE(every_payload_variant_round_trips_full_and_minimal) {
  for (std::size_t i = 0; i < payload_kinds; ++i) {
    for (bool full : {true, false}) {
      const auto p = sample_payload(i, full);
      BOOST_TEST((astrid::decode_ipc_payload(astrid::encode(p)) == p), p.tag() << " full=" << full);
      BOOST_TEST((astrid::decode_ipc_payload(astrid::parse_json(astrid::encode_text(p))) == p),
                 p.tag() << " full=" << full);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_type_tag_is_written_first) {
  for (std::size_t i = 0; i < payload_kinds; ++i) {
    const auto p = sample_payload(i, true);
    BOOST_TEST(astrid::encode_text(p).rfind("{\"type\":\"" + std::string(p.tag()) + "\"", 0) == 0u);
  }
}

BOOST_AUTO_TEST_CASE(implicit_conversion_from_an_alternative_builds_a_payload) {
  astrid::ipc_payload p = payloads::user_input{"hi"};
  BOOST_TEST(p.tag() == "user_input");
  BOOST_TEST(p.get_if<payloads::user_input>()->session_id == "default");
  BOOST_TEST(astrid::ipc_payload{}.tag() == "raw_json");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ipc_payload_field_rules)

BOOST_AUTO_TEST_CASE(user_input_session_id_defaults_to_default) {
  auto p = astrid::decode_ipc_payload(json{{"type", "user_input"}, {"text", "x"}});
  BOOST_TEST(p.get_if<payloads::user_input>()->session_id == "default");
  BOOST_TEST(encoded(p) ==
             json::parse(R"({"type":"user_input","text":"x","session_id":"default"})"));
}

BOOST_AUTO_TEST_CASE(user_input_context_is_omitted_when_absent_and_null_reads_as_absent) {
  auto p =
      astrid::decode_ipc_payload(json::parse(R"({"type":"user_input","text":"x","context":null})"));
  BOOST_TEST(!p.get_if<payloads::user_input>()->context.has_value());
  BOOST_TEST(!encoded(p).contains("context"));
  p = astrid::decode_ipc_payload(json::parse(R"({"type":"user_input","text":"x","context":[1]})"));
  BOOST_TEST(encoded(p)["context"] == json::array({1}));
}

BOOST_AUTO_TEST_CASE(agent_response_session_id_defaults_and_is_final_is_required) {
  auto p = astrid::decode_ipc_payload(
      json::parse(R"({"type":"agent_response","text":"t","is_final":true})"));
  BOOST_TEST(p.get_if<payloads::agent_response>()->session_id == "default");
  BOOST_CHECK_THROW(
      astrid::decode_ipc_payload(json::parse(R"({"type":"agent_response","text":"t"})")),
      astrid::decode_error);
}

BOOST_AUTO_TEST_CASE(optional_strings_of_payloads_are_omitted_when_absent) {
  BOOST_TEST(encoded(payloads::approval_response{"r", "deny", {}}) ==
             json::parse(R"({"type":"approval_response","request_id":"r","decision":"deny"})"));
  BOOST_TEST(encoded(payloads::disconnect{}) == json::parse(R"({"type":"disconnect"})"));
  BOOST_TEST(
      encoded(payloads::elicit_response{}) ==
      json::parse(
          R"({"type":"elicit_response","request_id":"00000000-0000-0000-0000-000000000000"})"));
}

BOOST_AUTO_TEST_CASE(connect_is_just_its_tag_and_extra_keys_are_ignored) {
  BOOST_TEST(encoded(payloads::connect{}) == json::parse(R"({"type":"connect"})"));
  auto p = astrid::decode_ipc_payload(json::parse(R"({"type":"connect","x":1})"));
  BOOST_TEST(p.tag() == "connect");
}

BOOST_AUTO_TEST_CASE(unknown_tags_decode_to_unknown_which_encodes_as_unknown) {
  auto p = astrid::decode_ipc_payload(json::parse(R"({"type":"future_variant","a":1})"));
  BOOST_TEST(p.tag() == "unknown");
  BOOST_TEST(encoded(p) == json::parse(R"({"type":"unknown"})"));
  BOOST_TEST(astrid::decode_ipc_payload(json::parse(R"({"type":"unknown"})")).tag() == "unknown");
}

BOOST_AUTO_TEST_CASE(raw_json_keys_sit_beside_the_type_tag) {
  auto p = astrid::decode_ipc_payload(json::parse(R"({"type":"raw_json","k":1,"n":{"a":[]}})"));
  BOOST_TEST(p.get_if<payloads::raw_json>()->value == json::parse(R"({"k":1,"n":{"a":[]}})"));
  BOOST_TEST(astrid::encode_text(p) == R"({"type":"raw_json","k":1,"n":{"a":[]}})");
}

BOOST_AUTO_TEST_CASE(raw_json_holding_a_non_object_cannot_be_encoded) {
  astrid::ipc_payload p = payloads::raw_json{json::array({1})};
  BOOST_CHECK_THROW(astrid::encode(p), astrid::encode_error);
  BOOST_CHECK_THROW(astrid::encode_text(p), astrid::encode_error);
  BOOST_TEST(astrid::to_guest_bytes(p) == "[1]");
}

BOOST_AUTO_TEST_CASE(onboarding_field_types_are_externally_tagged) {
  const json field = json::parse(
      R"({"type":"onboarding_required","capsule_id":"c","fields":[
          {"key":"a","prompt":"p","field_type":"Text"},
          {"key":"b","prompt":"p","field_type":"Secret","default":"x"},
          {"key":"c","prompt":"p","field_type":{"Enum":["x","y"]},"placeholder":"y"},
          {"key":"d","prompt":"p","field_type":"Array","description":"d"}]})");
  BOOST_TEST(encoded(astrid::decode_ipc_payload(field)) == field);
  const auto p = astrid::decode_ipc_payload(field);
  const auto& f = p.get_if<payloads::onboarding_required>()->fields;
  BOOST_TEST(f[1].default_value.value() == "x");
  BOOST_TEST(f[2].field_type.get_if<astrid::field_types::enumeration>()->options.size() == 2u);
}

BOOST_AUTO_TEST_CASE(onboarding_unit_field_types_also_read_with_null_content) {
  auto p = astrid::decode_ipc_payload(json::parse(
      R"({"type":"elicit_request","request_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
          "capsule_id":"c","field":{"key":"k","prompt":"p","field_type":{"Text":null}}})"));
  BOOST_TEST(encoded(p)["field"]["field_type"] == "Text");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ipc_payload_helpers)

BOOST_AUTO_TEST_CASE(from_json_value_decodes_known_tags) {
  auto p = astrid::from_json_value(json::parse(R"({"type":"user_input","text":"x"})"));
  BOOST_TEST(p.tag() == "user_input");
}

BOOST_AUTO_TEST_CASE(from_json_value_falls_back_to_custom_with_the_whole_input) {
  for (const char* text : {R"({"type":"my_plugin","a":1})", R"({"a":1})", "5", "null", "[1,2]",
                           R"({"type":"user_input"})", R"({"type":7})", R"({"type":"unknown"})"}) {
    const json v = json::parse(text);
    const auto p = astrid::from_json_value(v);
    BOOST_TEST_REQUIRE(p.tag() == "custom", text);
    BOOST_TEST(p.get_if<payloads::custom>()->data == v, text);
  }
}

BOOST_AUTO_TEST_CASE(guest_bytes_unwrap_custom_and_raw_json_only) {
  BOOST_TEST(astrid::to_guest_bytes(payloads::custom{json{{"a", 1}}}) == R"({"a":1})");
  BOOST_TEST(astrid::to_guest_bytes(payloads::custom{"s"}) == R"("s")");
  BOOST_TEST(astrid::to_guest_bytes(payloads::raw_json{json{{"k", true}}}) == R"({"k":true})");
  BOOST_TEST(astrid::to_guest_bytes(payloads::user_input{"hi"}) ==
             R"({"type":"user_input","text":"hi","session_id":"default"})");
}

BOOST_AUTO_TEST_CASE(ipc_size_is_guest_bytes_plus_topic_length) {
  astrid::ipc_message m;
  m.topic = "a.b";
  m.payload = payloads::custom{json{{"a", 1}}};
  BOOST_TEST(astrid::ipc_size(m) == std::string(R"({"a":1})").size() + 3);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ipc_message_fields)

BOOST_AUTO_TEST_CASE(seq_defaults_to_0_signature_to_null_and_timestamp_to_now) {
  const auto before = astrid::timestamp::now();
  auto m = astrid::decode_ipc_message(json::parse(
      R"({"topic":"t","payload":{"type":"connect"},"source_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"})"));
  BOOST_TEST(m.seq == 0u);
  BOOST_TEST(!m.signature.has_value());
  BOOST_TEST((m.timestamp >= before));
  BOOST_TEST((m.timestamp <= astrid::timestamp::now()));
  const json j = astrid::encode(m);
  BOOST_TEST(j["signature"].is_null());
  BOOST_TEST(!j.contains("principal"));
}

BOOST_AUTO_TEST_CASE(a_full_message_round_trips_in_serde_field_order) {
  const std::string text =
      R"({"topic":"x.y","payload":{"type":"connect"},"signature":[0,1,255],)"
      R"("source_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6","timestamp":"2025-03-04T05:06:07.123Z",)"
      R"("seq":42,"principal":"alice"})";
  BOOST_TEST(astrid::encode_text(astrid::decode_ipc_message(astrid::parse_json(text))) == text);
}

BOOST_AUTO_TEST_CASE(signature_bytes_must_be_integers_from_0_to_255) {
  const std::string head =
      R"({"topic":"t","payload":{"type":"connect"},"source_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6","signature":)";
  for (const char* bad : {"[256]", "[-1]", "[1.0]", R"("AQID")", R"(["1"])", "{}"}) {
    BOOST_CHECK_THROW(astrid::decode_ipc_message(astrid::parse_json(head + bad + "}")),
                      astrid::decode_error);
  }
  auto m = astrid::decode_ipc_message(astrid::parse_json(head + "[]}"));
  BOOST_TEST(m.signature.value().empty());
}

BOOST_AUTO_TEST_SUITE_END()
