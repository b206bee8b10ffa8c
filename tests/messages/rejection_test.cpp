// Input the codec must refuse is refused with a decode_error whose message
// names the JSON path and the expectation; hostile text (deep nesting,
// invalid UTF-8, truncation) is refused without crashing.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using astrid::test::json;

namespace {

const char* const metadata_json =
    R"({"event_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6","timestamp":"2024-01-01T00:00:00Z",)"
    R"("correlation_id":null,"session_id":null,"user_id":null,"source":"r"})";

json agent_loop(const json& turns) {
  return json{{"type", "agent_loop_completed"},
              {"metadata", json::parse(metadata_json)},
              {"agent_id", "6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"},
              {"turns", turns},
              {"duration_ms", 1}};
}

// The decode_error message of `f()`, or "<no error>".
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const astrid::decode_error& e) {
    return e.what();
  }
  return "<no error>";
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decode_rejections)

BOOST_AUTO_TEST_CASE(a_wrong_type_names_the_full_path) {
  const json msg =
      json::parse(R"({"type":"ipc","metadata":)" + std::string(metadata_json) +
                  R"(,"message":{"topic":"t","source_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
          "payload":{"type":"agent_response","text":"t","is_final":"yes"}}})");
  BOOST_TEST(error_of([&] { astrid::decode_event(msg); }) ==
             "message.payload.is_final: expected boolean, got string");
}

BOOST_AUTO_TEST_CASE(a_missing_required_field_is_named) {
  BOOST_TEST(error_of([] {
               astrid::decode_ipc_message(
                   json::parse(R"({"topic":"t","payload":{"type":"connect"}})"));
             }) == "source_id: missing field");
  BOOST_TEST(error_of([] { astrid::decode_ipc_payload(json::parse(R"({"type":"custom"})")); }) ==
             "data: missing field");
  BOOST_TEST(error_of([] {
               astrid::decode_event(json::parse(R"({"type":"runtime_started","version":"1"})"));
             }) == "metadata: missing field");
}

BOOST_AUTO_TEST_CASE(array_elements_are_named_by_index) {
  const json p = json::parse(R"({"type":"tool_cancel_request","call_ids":["a",2]})");
  BOOST_TEST(error_of([&] { astrid::decode_ipc_payload(p); }) ==
             "call_ids[1]: expected string, got integer");
}

BOOST_AUTO_TEST_CASE(unsigned_fields_refuse_negative_fractional_and_out_of_range_numbers) {
  for (const json& bad :
       {json(-1), json(3.0), json(0.5), json(4294967296ull), json("3"), json(nullptr)}) {
    const std::string err = error_of([&] { astrid::decode_event(agent_loop(bad)); });
    BOOST_TEST(starts_with(err, "turns: expected u32"), bad.dump() << " -> " << err);
  }
  BOOST_TEST(error_of([&] { astrid::decode_event(agent_loop(4294967295u)); }) == "<no error>");
  BOOST_TEST(error_of([] { astrid::parse_json("18446744073709551616"); }) == "<no error>");
  json big = agent_loop(1);
  big["duration_ms"] = astrid::parse_json("18446744073709551616");
  BOOST_TEST(
      starts_with(error_of([&] { astrid::decode_event(big); }), "duration_ms: expected u64"));
}

BOOST_AUTO_TEST_CASE(bad_uuids_and_timestamps_are_refused_with_their_path) {
  json ev = agent_loop(1);
  ev["agent_id"] = "not-a-uuid";
  BOOST_TEST(starts_with(error_of([&] { astrid::decode_event(ev); }), "agent_id: expected UUID"));
  ev = agent_loop(1);
  ev["metadata"]["timestamp"] = "2024-02-30T00:00:00Z";
  BOOST_TEST(starts_with(error_of([&] { astrid::decode_event(ev); }),
                         "metadata.timestamp: expected RFC 3339"));
  ev["metadata"]["timestamp"] = 1704067200;
  BOOST_TEST(starts_with(error_of([&] { astrid::decode_event(ev); }),
                         "metadata.timestamp: expected RFC 3339"));
}

BOOST_AUTO_TEST_CASE(non_objects_are_refused_where_an_object_is_needed) {
  for (const char* bad : {"[1,2,3]", "5", "null", R"("x")", "true"}) {
    BOOST_TEST(starts_with(error_of([&] { astrid::decode_event(json::parse(bad)); }),
                           "<root>: expected object"));
    BOOST_TEST(starts_with(error_of([&] { astrid::decode_ipc_payload(json::parse(bad)); }),
                           "<root>: expected object"));
  }
  const json p = json::parse(
      R"({"type":"llm_response","request_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6","response":[]})");
  BOOST_TEST(error_of([&] { astrid::decode_ipc_payload(p); }) ==
             "response: expected object, got array");
}

BOOST_AUTO_TEST_CASE(event_tags_must_be_known_strings) {
  BOOST_TEST(error_of([] { astrid::decode_event(json::parse(R"({"type":"galaxy_exploded"})")); }) ==
             "type: unknown variant \"galaxy_exploded\"");
  BOOST_TEST(error_of([] { astrid::decode_event(json::parse(R"({"type":5})")); }) ==
             "type: expected string (variant tag), got integer");
  BOOST_TEST(error_of([] { astrid::decode_event(json::parse(R"({})")); }) == "type: missing field");
}

BOOST_AUTO_TEST_CASE(enum_names_are_case_sensitive) {
  BOOST_TEST(error_of([] {
               astrid::decode_llm_message(json::parse(R"({"role":"User","content":"x"})"));
             }) == "role: unknown variant \"User\"");
  BOOST_TEST(starts_with(
      error_of([] { astrid::decode_kernel_request(json::parse(R"({"method":"list_capsules"})")); }),
      "method: unknown variant"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(hostile_text)

BOOST_AUTO_TEST_CASE(truncated_json_is_refused_at_the_root) {
  const std::string text = R"({"type":"user_input","text":"hello"})";
  for (std::size_t n = 0; n < text.size(); ++n) {
    BOOST_TEST(starts_with(error_of([&] { astrid::parse_json(text.substr(0, n)); }),
                           "<root>: invalid JSON"),
               n);
  }
}

BOOST_AUTO_TEST_CASE(nesting_beyond_the_cap_is_refused_without_exhausting_the_stack) {
  auto refused_as_too_deep = [](const std::string& text) {
    const std::string err = error_of([&] { astrid::parse_json(text); });
    return starts_with(err, "<root>: invalid JSON") &&
           err.find("nesting deeper than 127") != std::string::npos;
  };
  BOOST_TEST(refused_as_too_deep(std::string(100000, '[')));
  std::string objects;
  for (int i = 0; i < 200000; ++i) objects += "{\"a\":";
  BOOST_TEST(refused_as_too_deep(objects));
  BOOST_TEST(refused_as_too_deep(std::string(500000, '[') + std::string(500000, ']')));
  const std::size_t cap = astrid::max_json_depth;
  BOOST_TEST(error_of([&] { astrid::parse_json(std::string(cap, '[') + std::string(cap, ']')); }) ==
             "<no error>");
  BOOST_TEST(refused_as_too_deep(std::string(cap + 1, '[') + std::string(cap + 1, ']')));
}

BOOST_AUTO_TEST_CASE(brackets_inside_strings_do_not_count_as_nesting) {
  const std::string text =
      "{\"a\":\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}";
  BOOST_TEST(astrid::parse_json(text)["a"].get<std::string>().size() == 2001u);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused) {
  for (const char* bad : {"\"\xff\"", "\"\xc3\x28\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
                          "\"\xe2\x82\"", "\"\xc0\xaf\"", "\xef\xbb\xbf{}x", "\"\\ud800\""}) {
    BOOST_TEST(starts_with(error_of([&] { astrid::parse_json(bad); }), "<root>: invalid JSON"),
               bad);
  }
  BOOST_TEST(astrid::parse_json("\"\xe2\x9c\x93 \xf0\x9f\x98\x80\"").get<std::string>() ==
             "\xe2\x9c\x93 \xf0\x9f\x98\x80");
}

BOOST_AUTO_TEST_CASE(trailing_garbage_and_empty_input_are_refused) {
  for (const char* bad : {"", " ", "{} {}", "{}x", "[1,]", "{\"a\":1,}", "NaN", "01"}) {
    BOOST_TEST(starts_with(error_of([&] { astrid::parse_json(bad); }), "<root>: invalid JSON"),
               bad);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(number_limits)

BOOST_AUTO_TEST_CASE(floats_beyond_f64_range_are_refused_like_serde) {
  BOOST_TEST(starts_with(error_of([] { astrid::parse_json("1e400"); }), "<root>: invalid JSON"));
  BOOST_TEST(starts_with(error_of([] { astrid::parse_json("[-1e400]"); }), "<root>: invalid JSON"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(number_typing)

BOOST_AUTO_TEST_CASE(minus_zero_is_a_float_as_in_serde) {
  BOOST_TEST(astrid::parse_json("-0").is_number_float());
  BOOST_TEST(astrid::encode_text(astrid::parse_json("[-0,0,-1]")) == "[-0.0,0,-1]");
  std::string text = agent_loop(1).dump();
  text.replace(text.find("\"turns\":1"), 9, "\"turns\":-0");
  BOOST_TEST(starts_with(error_of([&] { astrid::decode_event(astrid::parse_json(text)); }),
                         "turns: expected u32, got float"));
}

BOOST_AUTO_TEST_CASE(integers_beyond_64_bits_become_floats) {
  BOOST_TEST(astrid::parse_json("18446744073709551616").is_number_float());
  BOOST_TEST(astrid::parse_json("-9223372036854775809").is_number_float());
  BOOST_TEST(astrid::parse_json("18446744073709551615").is_number_unsigned());
  BOOST_TEST(astrid::parse_json("1e-400").get<double>() == 0.0);
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_is_refused) {
  BOOST_TEST(
      starts_with(error_of([] { astrid::parse_json("\xEF\xBB\xBF{}"); }), "<root>: invalid JSON"));
}

BOOST_AUTO_TEST_SUITE_END()
