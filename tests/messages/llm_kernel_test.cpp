// LLM and kernel API types: every stream event and kernel request/response
// variant round-trips in its serde representation (external and adjacent
// tagging, untagged message content) and follows its default rules.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

using astrid::test::json;

namespace {

template <class U>
U sample_union(std::size_t index, bool full) {
  U u;
  u.value = astrid::test::sample_variant<typename U::variant_type>(index, full);
  return u;
}

template <class U, class Decode>
void check_every_variant_round_trips(Decode decode) {
  constexpr std::size_t n = std::variant_size_v<typename U::variant_type>;
  for (std::size_t i = 0; i < n; ++i) {
    for (bool full : {true, false}) {
      const U u = sample_union<U>(i, full);
      BOOST_TEST((decode(astrid::encode(u)) == u), u.tag());
      BOOST_TEST((decode(astrid::parse_json(astrid::encode_text(u))) == u), u.tag());
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stream_events)

BOOST_AUTO_TEST_CASE(every_stream_event_round_trips) {
  check_every_variant_round_trips<astrid::llm::stream_event>(
      [](const json& j) { return astrid::decode_stream_event(j); });
}

BOOST_AUTO_TEST_CASE(stream_events_use_external_tagging) {
  using namespace astrid::llm::stream_events;
  BOOST_TEST(astrid::encode_text(astrid::llm::stream_event{text_delta{"Hel"}}) ==
             R"({"TextDelta":"Hel"})");
  BOOST_TEST(astrid::encode_text(astrid::llm::stream_event{tool_call_end{"c"}}) ==
             R"({"ToolCallEnd":{"id":"c"}})");
  BOOST_TEST(astrid::encode_text(astrid::llm::stream_event{usage{3, 4}}) ==
             R"({"Usage":{"input_tokens":3,"output_tokens":4}})");
  BOOST_TEST(astrid::encode_text(astrid::llm::stream_event{error{"boom"}}) ==
             R"({"Error":"boom"})");
}

BOOST_AUTO_TEST_CASE(done_is_a_bare_string_and_also_reads_as_an_object_with_null) {
  BOOST_TEST(astrid::encode(astrid::llm::stream_event{astrid::llm::stream_events::done{}}) ==
             "Done");
  BOOST_TEST(astrid::decode_stream_event(json::parse(R"({"Done":null})")).tag() == "Done");
  BOOST_TEST(astrid::decode_stream_event(json("Done")).tag() == "Done");
}

BOOST_AUTO_TEST_CASE(malformed_stream_events_are_rejected) {
  for (const char* bad :
       {R"("TextDelta")", R"({"TextDelta":1})", R"({"Done":1})", R"({"Nope":"x"})",
        R"({"TextDelta":"a","Error":"b"})", R"({})", "5", R"({"Usage":{"input_tokens":1}})"}) {
    BOOST_CHECK_THROW(astrid::decode_stream_event(json::parse(bad)), astrid::decode_error);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(llm_messages)

BOOST_AUTO_TEST_CASE(message_content_is_tried_as_text_tool_calls_tool_result_then_parts) {
  using astrid::llm::message_content;
  auto content = [](const char* text) {
    return astrid::decode_llm_message(json{{"role", "assistant"}, {"content", json::parse(text)}})
        .content;
  };
  BOOST_TEST(std::holds_alternative<std::string>(content(R"("hi")")));
  BOOST_TEST(std::holds_alternative<std::vector<astrid::llm::tool_call>>(content("[]")));
  BOOST_TEST(std::holds_alternative<std::vector<astrid::llm::tool_call>>(
      content(R"([{"id":"1","name":"n","arguments":{}}])")));
  BOOST_TEST(std::holds_alternative<astrid::llm::tool_call_result>(
      content(R"({"call_id":"c","content":"x"})")));
  BOOST_TEST(std::holds_alternative<std::vector<astrid::llm::content_part>>(
      content(R"([{"type":"text","text":"t"}])")));
  BOOST_CHECK_THROW(content("5"), astrid::decode_error);
  BOOST_CHECK_THROW(content(R"([{"type":"video"}])"), astrid::decode_error);
}

BOOST_AUTO_TEST_CASE(every_role_and_content_form_round_trips) {
  for (std::size_t pick = 0; pick < 4; ++pick) {
    astrid::llm::message m;
    astrid::test::sampler s{true, pick};
    describe(s, m);
    m.role = static_cast<astrid::llm::message_role>(pick);
    BOOST_TEST((astrid::decode_llm_message(astrid::encode(m)) == m));
  }
}

BOOST_AUTO_TEST_CASE(tool_result_is_error_defaults_to_false) {
  auto m = astrid::decode_llm_message(
      json::parse(R"({"role":"tool","content":{"call_id":"c","content":"x"}})"));
  BOOST_TEST(!std::get<astrid::llm::tool_call_result>(m.content).is_error);
  BOOST_TEST(astrid::encode(m)["content"]["is_error"] == false);
}

BOOST_AUTO_TEST_CASE(tool_definition_description_is_written_as_null) {
  const auto p = astrid::decode_ipc_payload(json::parse(
      R"({"type":"llm_request","request_id":"6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6","model":"m",
          "messages":[],"tools":[{"name":"x","input_schema":{}}],"system":""})"));
  BOOST_TEST(astrid::encode(p)["tools"][0]["description"].is_null());
}

BOOST_AUTO_TEST_CASE(llm_response_round_trips_with_every_stop_reason) {
  for (std::size_t r = 0; r < 4; ++r) {
    astrid::llm::llm_response resp;
    astrid::test::sampler s{true, r};
    describe(s, resp);
    resp.stop_reason = static_cast<astrid::llm::stop_reason>(r);
    BOOST_TEST(
        (astrid::decode_llm_response(astrid::parse_json(astrid::encode_text(resp))) == resp));
  }
  BOOST_CHECK_THROW(astrid::decode_llm_response(json::parse(
                        R"({"message":{"role":"user","content":"x"},"has_tool_calls":false,
                            "stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":2}})")),
                    astrid::decode_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(kernel_api)

BOOST_AUTO_TEST_CASE(every_kernel_request_round_trips) {
  check_every_variant_round_trips<astrid::kernel_request>(
      [](const json& j) { return astrid::decode_kernel_request(j); });
}

BOOST_AUTO_TEST_CASE(every_kernel_response_round_trips) {
  check_every_variant_round_trips<astrid::kernel_response>(
      [](const json& j) { return astrid::decode_kernel_response(j); });
}

BOOST_AUTO_TEST_CASE(unit_requests_have_no_params_and_accept_null_params) {
  BOOST_TEST(astrid::encode_text(astrid::kernel_request{
                 astrid::kernel_requests::list_capsules{}}) == R"({"method":"ListCapsules"})");
  BOOST_TEST(
      astrid::decode_kernel_request(json::parse(R"({"method":"GetStatus","params":null})")).tag() ==
      "GetStatus");
  BOOST_CHECK_THROW(
      astrid::decode_kernel_request(json::parse(R"({"method":"GetStatus","params":{}})")),
      astrid::decode_error);
}

BOOST_AUTO_TEST_CASE(struct_requests_need_params_and_shutdown_reason_is_written_as_null) {
  BOOST_TEST(astrid::encode_text(astrid::kernel_request{astrid::kernel_requests::shutdown{}}) ==
             R"({"method":"Shutdown","params":{"reason":null}})");
  BOOST_TEST(
      astrid::decode_kernel_request(json::parse(R"({"method":"Shutdown","params":{}})")).tag() ==
      "Shutdown");
  BOOST_CHECK_THROW(astrid::decode_kernel_request(json::parse(R"({"method":"InstallCapsule"})")),
                    astrid::decode_error);
}

BOOST_AUTO_TEST_CASE(connections_by_principal_is_omitted_when_empty_and_defaults_to_empty) {
  astrid::daemon_status st;
  st.version = "v";
  astrid::kernel_response r = astrid::kernel_responses::status{st};
  BOOST_TEST(!astrid::encode(r)["data"].contains("connections_by_principal"));
  st.connections_by_principal.push_back({"alice", 2});
  r = astrid::kernel_responses::status{st};
  const json j = astrid::encode(r);
  BOOST_TEST(j["data"]["connections_by_principal"][0]["count"] == 2);
  BOOST_TEST((astrid::decode_kernel_response(j) == r));
}

BOOST_AUTO_TEST_CASE(newtype_responses_carry_their_content_as_data) {
  BOOST_TEST(astrid::encode_text(astrid::kernel_response{astrid::kernel_responses::error{"no"}}) ==
             R"({"status":"Error","data":"no"})");
  BOOST_TEST(astrid::encode_text(astrid::kernel_response{astrid::kernel_responses::success{
                 nullptr}}) == R"({"status":"Success","data":null})");
  BOOST_CHECK_THROW(astrid::decode_kernel_response(json::parse(R"({"status":"Success"})")),
                    astrid::decode_error);
}

BOOST_AUTO_TEST_SUITE_END()
