// encode_text writes what serde_json writes: compact, serde field order,
// sorted keys inside any-JSON values, ryu float format, serde escaping.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

#include "test_support.hpp"

using astrid::test::json;

namespace {
std::string text_of(const json& j) { return astrid::encode_text(j); }
}  // namespace

BOOST_AUTO_TEST_SUITE(text_encoding)

BOOST_AUTO_TEST_CASE(floats_use_ryu_shortest_form) {
  BOOST_TEST(text_of(0.1) == "0.1");
  BOOST_TEST(text_of(50.0) == "50.0");
  BOOST_TEST(text_of(-0.0) == "-0.0");
  BOOST_TEST(text_of(0.0) == "0.0");
  BOOST_TEST(text_of(1e20) == "1e20");
  BOOST_TEST(text_of(1e16) == "1e16");
  BOOST_TEST(text_of(1e15) == "1000000000000000.0");
  BOOST_TEST(text_of(1.5e-7) == "1.5e-7");
  BOOST_TEST(text_of(0.0001) == "0.0001");
  BOOST_TEST(text_of(0.00001) == "0.00001");
  BOOST_TEST(text_of(0.000001) == "1e-6");
  BOOST_TEST(text_of(123.456) == "123.456");
  BOOST_TEST(text_of(1.2345678901234567e300) == "1.2345678901234567e300");
  BOOST_TEST(text_of(5e-324) == "5e-324");
  BOOST_TEST(text_of(std::numeric_limits<double>::infinity()) == "null");
  BOOST_TEST(text_of(std::nan("")) == "null");
}

BOOST_AUTO_TEST_CASE(floats_round_trip_exactly) {
  for (double d :
       {0.1, 1.0 / 3, 2.0 / 3e10, 6.02214076e23, 1.7976931348623157e308, 2.2250738585072014e-308}) {
    BOOST_TEST(astrid::parse_json(text_of(d)).get<double>() == d);
  }
}

BOOST_AUTO_TEST_CASE(integers_are_written_exactly) {
  BOOST_TEST(text_of(18446744073709551615ull) == "18446744073709551615");
  BOOST_TEST(text_of(-9223372036854775807ll - 1) == "-9223372036854775808");
}

BOOST_AUTO_TEST_CASE(strings_are_escaped_like_serde) {
  BOOST_TEST(text_of("a\"b\\c/d") == R"("a\"b\\c/d")");
  BOOST_TEST(text_of("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  BOOST_TEST(text_of(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001f\x7f\"");
  BOOST_TEST(text_of("é ✓ 😀") == "\"é ✓ 😀\"");
  BOOST_TEST(text_of(std::string("\0", 1)) == R"("\u0000")");
}

BOOST_AUTO_TEST_CASE(a_special_byte_is_found_at_every_offset_of_a_long_string) {
  // The scanners read 16 and 8 bytes at a time: put each special byte at
  // every offset of a 40-byte run, so each lands in a wide step and a tail.
  const std::string specials[] = {"\"", "\\", "\n", std::string("\0", 1), "\x1f", "\x7f", "é"};
  const std::string escaped[] = {R"(\")", R"(\\)", R"(\n)", R"(\u0000)", R"(\u001f)", "\x7f", "é"};
  for (std::size_t k = 0; k < std::size(specials); ++k) {
    for (std::size_t at = 0; at <= 40; ++at) {
      const std::string value = std::string(at, 'a') + specials[k] + std::string(40 - at, 'b');
      const std::string text = "\"" + std::string(at, 'a') + escaped[k] + std::string(40 - at, 'b') + "\"";
      BOOST_TEST(text_of(value) == text, "special " << k << " at " << at);
      BOOST_TEST(astrid::parse_json(text).get<std::string>() == value, "special " << k << " at " << at);
    }
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_value_is_written_as_the_replacement_character) {
  astrid::ipc_payload p =
      astrid::payloads::user_input{std::string("a\xff"
                                               "b")};
  BOOST_TEST(astrid::encode_text(p) ==
             "{\"type\":\"user_input\",\"text\":\"a\xEF\xBF\xBD"
             "b\",\"session_id\":\"default\"}");
}

BOOST_AUTO_TEST_CASE(any_json_objects_are_written_with_sorted_keys) {
  BOOST_TEST(text_of(json::parse(R"({"b":1,"a":{"d":[],"c":{}}})")) ==
             R"({"a":{"c":{},"d":[]},"b":1})");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(text_encoding_extras)

BOOST_AUTO_TEST_CASE(binary_json_values_are_written_as_byte_arrays) {
  BOOST_TEST(text_of(json::binary({1, 2, 255})) == "[1,2,255]");
}

BOOST_AUTO_TEST_CASE(keys_of_a_flattened_payload_are_escaped_like_strings) {
  // Schema keys are copied as they are; keys from free-form JSON are not.
  const auto payload = astrid::decode_ipc_payload_text(R"({"type":"raw_json","a\"b":1,"\u0001":2})");
  BOOST_TEST(astrid::encode_text(payload) == R"({"type":"raw_json","\u0001":2,"a\"b":1})");
}

BOOST_AUTO_TEST_SUITE_END()
