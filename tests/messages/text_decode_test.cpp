// The text decoders (decode_event_text, decode_ipc_message_text,
// decode_ipc_payload_text) read a tape of the text, not a nlohmann tree:
// they must decide every input exactly as parse_json plus the DOM decoder
// do, where the two could part: repeated keys, escapes in keys and values,
// free-form subtrees, numbers, errors and their positions.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using astrid::test::decode_via;

namespace {

const std::string metadata =
    R"({"event_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6","timestamp":"2024-01-01T00:00:00Z",)"
    R"("correlation_id":null,"session_id":null,"user_id":null,"source":"r"})";

// A custom event whose data is `data` (JSON text).
std::string custom_event(const std::string& data) {
  return R"({"type":"custom","metadata":)" + metadata + R"(,"name":"n","data":)" + data + "}";
}

// Both paths' outcome for `text` as `kind`, checked equal; returns it.
std::string agreed(const std::string& kind, const std::string& text) {
  const auto by_text = decode_via(kind, text, true);
  BOOST_TEST(by_text == decode_via(kind, text, false), text);
  return by_text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(text_decoders)

BOOST_AUTO_TEST_CASE(a_repeated_key_keeps_its_last_value_as_in_the_tree) {
  const auto out =
      agreed("ipc_payload", R"({"type":"agent_response","text":"a","text":"b","is_final":true})");
  BOOST_TEST(out.find(R"("text":"b")") != std::string::npos, out);
  // The tag itself repeated: the last one picks the variant.
  const auto tag = agreed("ipc_payload", R"({"type":"connect","type":"disconnect"})");
  BOOST_TEST(tag.find("disconnect") != std::string::npos, tag);
  // Inside free-form data and a flattened payload.
  const auto data = agreed("event", custom_event(R"({"k":1,"k":[2],"j":{}})"));
  BOOST_TEST(data.find(R"("data":{"j":{},"k":[2]})") != std::string::npos, data);
  const auto raw = agreed("ipc_payload", R"({"type":"raw_json","z":1,"a":2,"z":3})");
  BOOST_TEST(raw == R"({"type":"raw_json","a":2,"z":3})");
}

BOOST_AUTO_TEST_CASE(escaped_keys_and_strings_read_as_their_characters) {
  const auto out = agreed(
      "ipc_payload",
      R"({"\u0074ype":"agent_response","te\u0078t":"\"q\" \\ \u00e9 \ud83d\ude00 \n","is_final":false})");
  BOOST_TEST(out.starts_with(R"({"type":"agent_response","text":"\"q\" \\ é 😀 \n")"), out);
  // An escaped key next to a plain one of the same name: still one key.
  const auto twice = agreed("event", custom_event(R"({"a":1,"\u0061":2})"));
  BOOST_TEST(twice.find(R"("data":{"a":2})") != std::string::npos, twice);
}

BOOST_AUTO_TEST_CASE(free_form_values_keep_serde_number_types_and_empty_containers) {
  const std::string data =
      R"([-0,0,-1,18446744073709551615,18446744073709551616,1e2,"",[],{},null,true])";
  const std::string want =
      R"([-0.0,0,-1,18446744073709551615,1.8446744073709552e19,100.0,"",[],{},null,true])";
  const auto out = agreed("event", custom_event(data));
  BOOST_TEST(out.find("\"data\":" + want) != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(schema_errors_name_the_same_path_and_expectation) {
  BOOST_TEST(agreed("ipc_payload", R"({"type":"agent_response","text":"t","is_final":"yes"})") ==
             "decode_error: is_final: expected boolean, got string");
  BOOST_TEST(agreed("ipc_payload", R"({"type":"custom"})") == "decode_error: data: missing field");
  BOOST_TEST(agreed("event", R"({"type":"no_such_kind"})")
                 .starts_with("decode_error: type: unknown variant"));
  BOOST_TEST(agreed("event", R"([1])") == "decode_error: <root>: expected object, got array");
  BOOST_TEST(
      agreed("ipc_message", R"({"topic":"t","source_id":-3,"payload":{"type":"connect"}})")
          .starts_with("decode_error: source_id: expected UUID string, got negative integer"));
}

BOOST_AUTO_TEST_CASE(invalid_text_fails_at_the_same_line_and_column) {
  const std::vector<std::string> texts{"{\"type\":",  "{\n  \"type\": tru }", "[1,]",
                                       "\"\\x\"",     "{\"a\":\"\xff\"}",     "{} {}",
                                       "\"\\ud800\"", std::string(200, '[')};
  for (const auto& text : texts) {
    const auto out = agreed("event", text);
    BOOST_TEST(out.starts_with("decode_error: <root>: invalid JSON at line"), out);
  }
}

BOOST_AUTO_TEST_SUITE_END()
