// UUIDs and timestamps read every form the reference reads and are written
// in exactly the reference's form.
#include <astrid/messages/timestamp.hpp>
#include <astrid/messages/uuid.hpp>
#include <boost/test/unit_test.hpp>
#include <set>
#include <unordered_set>

using astrid::timestamp;
using astrid::uuid;

namespace {
constexpr const char* canonical = "6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6";

std::string round(std::string_view text) {
  auto t = timestamp::parse(text);
  return t ? to_string(*t) : "<refused>";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(uuid_forms)

BOOST_AUTO_TEST_CASE(hyphenated_simple_braced_and_urn_forms_parse_to_the_same_uuid) {
  const auto want = uuid::parse(canonical);
  BOOST_REQUIRE(want);
  for (const char* form :
       {"6F1C2A3E-1B2C-4D5E-8F90-A1B2C3D4E5F6", "6f1c2a3e1b2c4d5e8f90a1b2c3d4e5f6",
        "{6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6}",
        "urn:uuid:6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"}) {
    auto got = uuid::parse(form);
    BOOST_TEST_REQUIRE(got.has_value(), form);
    BOOST_TEST((*got == *want), form);
  }
}

BOOST_AUTO_TEST_CASE(uuids_are_written_lower_case_hyphenated) {
  BOOST_TEST(to_string(*uuid::parse("6F1C2A3E1B2C4D5E8F90A1B2C3D4E5F6")) == canonical);
  BOOST_TEST(to_string(uuid::nil()) == "00000000-0000-0000-0000-000000000000");
}

BOOST_AUTO_TEST_CASE(malformed_uuids_are_refused) {
  for (const char* bad :
       {"", "6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f", "6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6a",
        "6f1c2a3e_1b2c-4d5e-8f90-a1b2c3d4e5f6", "6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5fg",
        "{6f1c2a3e1b2c4d5e8f90a1b2c3d4e5f6}", "[6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6]",
        "URN:UUID:6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6", "6f1c2a3e1-b2c-4d5e-8f90-a1b2c3d4e5f6",
        " 6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"}) {
    BOOST_TEST(!uuid::parse(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(random_uuids_are_version_4_and_distinct) {
  std::unordered_set<uuid> seen;
  for (int i = 0; i < 1000; ++i) {
    const uuid u = uuid::random();
    BOOST_TEST((u.bytes[6] >> 4) == 4);
    BOOST_TEST((u.bytes[8] & 0xC0) == 0x80);
    seen.insert(u);
  }
  BOOST_TEST(seen.size() == 1000u);
}

BOOST_AUTO_TEST_CASE(uuids_order_and_compare_by_bytes) {
  const auto a = *uuid::parse("00000000-0000-0000-0000-000000000001");
  const auto b = *uuid::parse("00000000-0000-0000-0000-000000000002");
  BOOST_TEST((a < b));
  BOOST_TEST((a != b));
  BOOST_TEST(uuid::nil().is_nil());
  BOOST_TEST(std::set<uuid>({b, a, a}).size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(timestamp_format)

BOOST_AUTO_TEST_CASE(fraction_is_written_with_the_fewest_of_0_3_6_9_digits) {
  BOOST_TEST(round("2024-01-01T00:00:00Z") == "2024-01-01T00:00:00Z");
  BOOST_TEST(round("2024-01-01T00:00:00.120Z") == "2024-01-01T00:00:00.120Z");
  BOOST_TEST(round("2024-01-01T00:00:00.12Z") == "2024-01-01T00:00:00.120Z");
  BOOST_TEST(round("2024-01-01T00:00:00.1234Z") == "2024-01-01T00:00:00.123400Z");
  BOOST_TEST(round("2024-01-01T00:00:00.123456789Z") == "2024-01-01T00:00:00.123456789Z");
  BOOST_TEST(round("2024-01-01T00:00:00.000000001Z") == "2024-01-01T00:00:00.000000001Z");
  BOOST_TEST(round("2024-01-01T00:00:00.000Z") == "2024-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(digits_past_the_ninth_are_dropped) {
  BOOST_TEST(round("2024-01-01T00:00:00.1234567899999Z") == "2024-01-01T00:00:00.123456789Z");
}

BOOST_AUTO_TEST_CASE(offsets_are_converted_to_utc) {
  BOOST_TEST(round("2024-01-01T10:00:00+02:00") == "2024-01-01T08:00:00Z");
  BOOST_TEST(round("2024-01-01T00:00:00-01:30") == "2024-01-01T01:30:00Z");
  BOOST_TEST(round("2024-01-01T00:00:00+00:00") == "2024-01-01T00:00:00Z");
  BOOST_TEST(round("2024-03-01T00:30:00+0100") == "2024-02-29T23:30:00Z");
}

BOOST_AUTO_TEST_CASE(a_space_may_replace_the_t) {
  BOOST_TEST(round("2024-01-01 00:00:00Z") == "2024-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(malformed_or_impossible_timestamps_are_refused) {
  for (const char* bad : {"2024-01-01t00:00:00Z",
                          "2024-01-01T00:00:00z",
                          "2024-01-01T00:00:00",
                          "2024-01-01",
                          "yesterday",
                          "2023-02-29T00:00:00Z",
                          "1900-02-29T00:00:00Z",
                          "2024-02-30T00:00:00Z",
                          "2024-13-01T00:00:00Z",
                          "2024-00-01T00:00:00Z",
                          "2024-01-01T24:00:00Z",
                          "2024-01-01T00:60:00Z",
                          "2024-01-01T00:00:61Z",
                          "2024-01-01T00:00:00.Z",
                          "2024-01-01T00:00:00Z ",
                          "2024-01-01T00:00:00+24:00",
                          "2024-01-01T00:00:00+01:60",
                          "24-01-01T00:00:00Z",
                          "2024-1-01T00:00:00Z",
                          "",
                          "12345"}) {
    BOOST_TEST(!timestamp::parse(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_CASE(leap_years_follow_the_gregorian_rules) {
  BOOST_TEST(round("2024-02-29T12:00:00Z") == "2024-02-29T12:00:00Z");
  BOOST_TEST(round("2000-02-29T12:00:00Z") == "2000-02-29T12:00:00Z");
  BOOST_TEST(round("2100-02-29T12:00:00Z") == "<refused>");
}

BOOST_AUTO_TEST_CASE(a_leap_second_is_kept_as_second_60) {
  BOOST_TEST(round("2016-12-31T23:59:60Z") == "2016-12-31T23:59:60Z");
  BOOST_TEST(round("2016-12-31T23:59:60.5Z") == "2016-12-31T23:59:60.500Z");
  const auto leap = *timestamp::parse("2016-12-31T23:59:60Z");
  BOOST_TEST((leap > *timestamp::parse("2016-12-31T23:59:59.999Z")));
  BOOST_TEST((leap < *timestamp::parse("2017-01-01T00:00:00Z")));
}

BOOST_AUTO_TEST_CASE(years_0000_to_9999_work_and_overflow_is_signed) {
  BOOST_TEST(round("0000-01-01T00:00:00Z") == "0000-01-01T00:00:00Z");
  BOOST_TEST(round("9999-12-31T23:59:59.999999999Z") == "9999-12-31T23:59:59.999999999Z");
  BOOST_TEST(round("1969-12-31T23:59:59.5Z") == "1969-12-31T23:59:59.500Z");
  BOOST_TEST(round("0000-01-01T00:00:00+01:00") == "-0001-12-31T23:00:00Z");
  BOOST_TEST(round("9999-12-31T23:30:00-01:00") == "+10000-01-01T00:30:00Z");
}

BOOST_AUTO_TEST_CASE(epoch_seconds_and_nanos_are_exact) {
  const auto t = *timestamp::parse("2024-01-01T00:00:00.5Z");
  BOOST_TEST(t.seconds == 1704067200);
  BOOST_TEST(t.nanos == 500000000u);
  BOOST_TEST(to_string(timestamp{}) == "1970-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(now_is_current_and_round_trips_through_text) {
  const auto a = timestamp::now();
  BOOST_TEST(a.seconds > 1704067200);
  BOOST_TEST(a.nanos < 1000000000u);
  BOOST_TEST((timestamp::parse(to_string(a)) == a));
}

BOOST_AUTO_TEST_SUITE_END()
