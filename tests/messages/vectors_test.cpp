// The conformance vectors (Rust serde_json over the reference's types) hold
// for the C++ codec: round-trips, normalisations and rejections.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using astrid::test::json;

namespace {

// Checks one codec vector; returns an empty string or a failure description.
std::string check_vector(const json& v) {
  const std::string kind = v.at("kind");
  const std::string op = v.value("op", "");
  const json ignore = v.value("ignore", json::array());
  try {
    json got;
    if (kind == "from_json_value") {
      got = astrid::encode(astrid::from_json_value(v.at("input")));
    } else if (kind == "guest_bytes") {
      got = astrid::parse_json(astrid::to_guest_bytes(astrid::decode_ipc_payload(v.at("input"))));
    } else {
      got = astrid::test::roundtrips().at(kind)(v.at("input"));
      if (op != "reject" && astrid::test::roundtrip_text(kind, v.at("input")) != got) {
        return "encode_text and encode disagree";
      }
    }
    if (op == "reject") return "accepted: " + got.dump();
    const json want = astrid::test::strip_keys(v.at("expect"), ignore);
    if (astrid::test::strip_keys(got, ignore) != want) return "got " + got.dump();
  } catch (const astrid::decode_error& e) {
    if (op != "reject") return std::string("decode_error: ") + e.what();
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(conformance_vectors)

BOOST_AUTO_TEST_CASE(text_decoders_agree_with_the_dom_decoders_on_every_vector) {
  std::size_t checked = 0;
  for (const auto& v : astrid::test::vectors()) {
    const std::string kind = v.at("kind");
    if (!astrid::test::has_text_decoder(kind)) continue;
    ++checked;
    const std::string text = v.at("input").dump();
    BOOST_TEST(astrid::test::decode_via(kind, text, true) ==
                   astrid::test::decode_via(kind, text, false),
               v.value("name", "?"));
  }
  BOOST_TEST(checked > 40u);
  BOOST_TEST(astrid::test::decode_via("event", "{\"type\":", true)
                 .starts_with("decode_error: <root>: invalid JSON"));
}

BOOST_AUTO_TEST_CASE(every_codec_vector_passes) {
  std::size_t checked = 0;
  for (const auto& v : astrid::test::vectors()) {
    if (v.at("kind") == "topic_match") continue;
    ++checked;
    const std::string failure = check_vector(v);
    BOOST_TEST(failure.empty(), v.at("kind").get<std::string>()
                                    << " / " << v.value("name", "?") << ": " << failure);
  }
  BOOST_TEST(checked == 103u);  // the 0.10.4 set: 0.8.0's 100 and three on provenance
}

BOOST_AUTO_TEST_CASE(reject_vectors_fail_with_a_named_path) {
  for (const auto& v : astrid::test::vectors()) {
    if (v.value("op", "") != "reject") continue;
    try {
      astrid::test::roundtrips().at(v.at("kind"))(v.at("input"));
      BOOST_ERROR("accepted " << v.value("name", "?"));
    } catch (const astrid::decode_error& e) {
      BOOST_TEST(!e.path().empty());
      BOOST_TEST(std::string(e.what()).find(": ") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(roundtrip_vectors_reencode_byte_identically_to_serde) {
  // Vector inputs are serde's own output with sorted keys; the expected text
  // is serde's field order, which encode_text reproduces byte for byte.
  std::size_t checked = 0;
  for (const auto& line : astrid::test::vector_lines()) {
    const auto v = nlohmann::ordered_json::parse(line);
    if (v.value("op", "") != "roundtrip" || v.at("kind") == "topic_match") continue;
    const std::string kind = v.at("kind");
    const json input = astrid::parse_json(v.at("input").dump());
    const json round = astrid::test::roundtrips().at(kind)(input);
    std::string text;
    if (kind == "event") text = astrid::encode_text(astrid::decode_event(input));
    if (kind == "ipc_payload") text = astrid::encode_text(astrid::decode_ipc_payload(input));
    if (kind == "ipc_message") text = astrid::encode_text(astrid::decode_ipc_message(input));
    if (kind == "stream_event") text = astrid::encode_text(astrid::decode_stream_event(input));
    if (kind == "kernel_response")
      text = astrid::encode_text(astrid::decode_kernel_response(input));
    if (text.empty()) continue;
    ++checked;
    BOOST_TEST(text == v.at("expect").dump(), v.value("name", "?"));
  }
  BOOST_TEST(checked > 40u);
}

BOOST_AUTO_TEST_SUITE_END()
