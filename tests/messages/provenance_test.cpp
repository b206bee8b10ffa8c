// IpcMessage's host-stamped provenance (astrid-events 0.9+): `device_key_id`
// and `origin`. A message without them keeps the 0.8.0 shape exactly; an
// origin name this build does not know reads as `system`, so no peer can
// claim local privilege; anything but a string is refused, by the tree and
// the text decoders alike.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using astrid::ipc_origin;
using astrid::test::decode_via;
using astrid::test::json;

namespace {

const std::string head =
    R"({"topic":"t","payload":{"type":"connect"},"signature":null,)"
    R"("source_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6",)"
    R"("timestamp":"2024-01-01T00:00:00Z","seq":1)";

// A message with `extra` (`,"k":v...` or empty) after its fixed fields.
std::string message_with(const std::string& extra) { return head + extra + "}"; }

// Both decoders' outcome for `text`, checked equal; returns it.
std::string agreed(const std::string& text) {
  const auto by_text = decode_via("ipc_message", text, true);
  BOOST_TEST(by_text == decode_via("ipc_message", text, false), text);
  return by_text;
}

astrid::ipc_message decoded(const std::string& text) {
  return astrid::decode_ipc_message(astrid::parse_json(text));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ipc_provenance)

BOOST_AUTO_TEST_CASE(device_key_id_and_origin_round_trip_after_principal_in_serde_order) {
  const auto text =
      message_with(R"(,"principal":"alice","device_key_id":"laptop-1","origin":"local_socket")");
  const auto m = decoded(text);
  BOOST_TEST(m.device_key_id.value() == "laptop-1");
  BOOST_TEST((m.origin == ipc_origin::local_socket));
  BOOST_TEST(astrid::encode_text(m) == text);
  BOOST_TEST(agreed(text) == text);
  const auto remote = message_with(R"(,"device_key_id":"k-1","origin":"remote_gateway")");
  BOOST_TEST(astrid::encode_text(decoded(remote)) == remote);
  BOOST_TEST((astrid::decode_ipc_message(astrid::encode(decoded(remote))) == decoded(remote)));
}

BOOST_AUTO_TEST_CASE(a_system_origin_and_an_absent_device_key_are_left_out) {
  const auto plain = message_with("");
  const auto m = decoded(plain);
  BOOST_TEST(!m.device_key_id.has_value());
  BOOST_TEST((m.origin == ipc_origin::system));
  BOOST_TEST(astrid::encode_text(m) == plain);  // the 0.8.0 shape exactly
  const auto stated = message_with(R"(,"origin":"system")");
  BOOST_TEST((decoded(stated).origin == ipc_origin::system));
  BOOST_TEST(astrid::encode_text(decoded(stated)) == plain);
  const json j = astrid::encode(m);
  BOOST_TEST(!j.contains("origin"));
  BOOST_TEST(!j.contains("device_key_id"));
}

BOOST_AUTO_TEST_CASE(an_unknown_origin_name_decodes_to_system) {
  for (const char* name : {"quantum_link", "LOCAL_SOCKET", "Local_Socket", "", "local_socket "}) {
    const auto text = message_with(R"(,"origin":")" + std::string{name} + "\"");
    BOOST_TEST((decoded(text).origin == ipc_origin::system), name);
    BOOST_TEST(agreed(text) == message_with(""), name);
  }
}

BOOST_AUTO_TEST_CASE(an_origin_that_is_not_a_string_is_refused_naming_the_path) {
  for (const char* bad : {"null", "1", "0", "true", "[]", R"({"local_socket":null})"}) {
    const auto out = agreed(message_with(R"(,"origin":)" + std::string{bad}));
    BOOST_TEST(out.starts_with("decode_error: origin: expected string (variant name), got "),
               bad << " -> " << out);
  }
  BOOST_TEST(agreed(message_with(R"(,"origin":null)")) ==
             "decode_error: origin: expected string (variant name), got null");
  BOOST_TEST(agreed(message_with(R"(,"origin":2)")) ==
             "decode_error: origin: expected string (variant name), got integer");
  const auto ev = json::parse(
      R"({"type":"ipc","metadata":{"event_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6",)"
      R"("timestamp":"2024-01-01T00:00:00Z","correlation_id":null,"session_id":null,)"
      R"("user_id":null,"source":"r"},"message":)" +
      message_with(R"(,"origin":null)") + "}");
  try {
    astrid::decode_event(ev);
    BOOST_FAIL("a null origin was accepted");
  } catch (const astrid::decode_error& e) {
    BOOST_TEST(std::string{e.what()} ==
               "message.origin: expected string (variant name), got null");
  }
}

BOOST_AUTO_TEST_CASE(a_null_device_key_id_is_absent_and_a_number_is_refused) {
  const auto m = decoded(message_with(R"(,"device_key_id":null)"));
  BOOST_TEST(!m.device_key_id.has_value());
  BOOST_TEST(agreed(message_with(R"(,"device_key_id":null)")) == message_with(""));
  BOOST_TEST(agreed(message_with(R"(,"device_key_id":7)")) ==
             "decode_error: device_key_id: expected string, got integer");
}

BOOST_AUTO_TEST_CASE(messages_differing_only_in_provenance_are_not_equal) {
  const auto a = decoded(message_with(""));
  auto b = a;
  b.origin = ipc_origin::remote_gateway;
  BOOST_TEST(!(a == b));
  auto c = a;
  c.device_key_id = "k";
  BOOST_TEST(!(a == c));
  c.device_key_id.reset();
  BOOST_TEST((a == c));
}

BOOST_AUTO_TEST_CASE(origin_names_read_back_strictly_outside_the_decoder) {
  for (auto o : {ipc_origin::system, ipc_origin::local_socket, ipc_origin::remote_gateway})
    BOOST_TEST((astrid::parse_ipc_origin(astrid::to_string(o)) == o));
  BOOST_TEST(astrid::to_string(ipc_origin::local_socket) == "local_socket");
  BOOST_TEST(!astrid::parse_ipc_origin("quantum_link").has_value());
  BOOST_TEST(!astrid::parse_ipc_origin("System").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
