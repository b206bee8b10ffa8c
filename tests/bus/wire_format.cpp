// The format in which events cross nodes (actors/wire/event.hpp,
// actors/wire/json.hpp): every field through CAF's serializer, an event
// encoded once travelling as the same bytes, free-form JSON as a tagged tree
// that keeps every value exactly, and bytes from the network that lie about
// sizes or nesting refused without a crash or an allocation they ask for.
#include "bus/helpers.hpp"
#include "bus/remote_helpers.hpp"

#include "actors/nodes/protocol.hpp"

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

#include <boost/test/unit_test.hpp>

#include "messages/sampler.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <random>

using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

astrid::event rich_ipc_event() {
  astrid::payloads::llm_request req;
  req.request_id = astrid::uuid::random();
  req.model = "m";
  astrid::llm::message m;
  m.role = astrid::llm::message_role::assistant;
  m.content = std::vector<astrid::llm::tool_call>{{"c1", "grep", nlohmann::json{{"q", 1.5}}}};
  req.messages.push_back(m);
  req.tools.push_back({"grep", std::nullopt, nlohmann::json::array({1, "x", nullptr})});
  auto msg = ipc_msg("a.b", 0, astrid::uuid::random());
  msg.payload = req;
  msg.signature = std::vector<std::uint8_t>{1, 2, 255};
  msg.principal = "alice";
  auto ev = astrid::make_ipc_event(msg);
  ev.metadata.correlation_id = astrid::uuid::random();
  ev.metadata.timestamp = astrid::timestamp{-5, 999'999'999};
  return ev;
}

template <class T>
caf::error round_trip(caf::actor_system& sys, T& in, T& out) {
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  if (auto err = sink(in)) return err;
  caf::binary_deserializer source{sys, buf};
  return source(out);
}

// A custom event carrying `data`, through CAF and back.
nlohmann::json json_round_trip(caf::actor_system& sys, nlohmann::json data) {
  astrid::event ev{astrid::event_metadata::make("t"), astrid::events::custom{}};
  std::get<astrid::events::custom>(ev.data).data = std::move(data);
  wire_event in{std::make_shared<const astrid::event>(ev)}, out;
  auto err = round_trip(sys, in, out);
  BOOST_REQUIRE_MESSAGE(!err, sys.render(err));
  return std::get<astrid::events::custom>(out.ev->data).data;
}

nlohmann::json nested(int depth) {
  nlohmann::json v = "leaf";
  for (int i = 0; i < depth; ++i) v = i % 2 == 0 ? nlohmann::json::array({v}) : nlohmann::json{{"k", v}};
  return v;
}

// The wire bytes of a custom event whose JSON data is written by hand as
// `json_bytes` (see actors/wire/json.hpp), decoded as a wire_event.
caf::error decode_custom_with(caf::actor_system& sys, const std::vector<char>& json_bytes) {
  astrid::event ev{astrid::event_metadata::make("t"), astrid::events::custom{}};
  std::get<astrid::events::custom>(ev.data).data = nullptr;
  wire_event in{std::make_shared<const astrid::event>(ev)};
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  if (auto err = sink(in)) return err;
  // A null JSON value is one tag byte, the last of the event: replace it.
  BOOST_REQUIRE(!buf.empty() && buf.back() == 0);
  buf.pop_back();
  buf.insert(buf.end(), json_bytes.begin(), json_bytes.end());
  wire_event out;
  caf::binary_deserializer source{sys, buf};
  return source(out);
}

// Every event kind, each in its fullest and its minimal form, with every
// optional of the metadata set in the full form.
std::vector<astrid::event> every_kind() {
  std::vector<astrid::event> out;
  for (bool full : {true, false})
    for (std::size_t k = 0; k < std::variant_size_v<astrid::event_data>; ++k) {
      astrid::event ev{astrid::event_metadata::make("sampler"),
                       astrid::test::sample_variant<astrid::event_data>(k, full)};
      if (full) {
        ev.metadata.correlation_id = astrid::uuid::random();
        ev.metadata.session_id = astrid::uuid::random();
        ev.metadata.user_id = astrid::uuid::random();
      }
      out.push_back(std::move(ev));
    }
  out.push_back(rich_ipc_event());
  return out;
}

// `ev` written by CAF's own binary serializer, through its virtual interface.
std::vector<char> caf_bytes(caf::actor_system& sys, astrid::event ev) {
  std::vector<char> buf;
  caf::binary_serializer impl{sys, buf};
  caf::serializer& sink = impl;
  BOOST_REQUIRE(!wire::apply(sink, ev));
  return buf;
}

// Reads `bytes` with CAF's deserializer (`caf`) or the byte_reader.
std::optional<astrid::event> read_with(caf::actor_system& sys, const std::vector<char>& bytes,
                                       bool caf) {
  astrid::event ev;
  if (caf) {
    caf::binary_deserializer impl{sys, bytes};
    caf::deserializer& source = impl;
    if (wire::apply(source, ev) || impl.remaining() != 0) return std::nullopt;
  } else {
    wire::wire_io<wire::byte_reader> io{bytes.data(), bytes.size()};
    if (!io.value(ev) || io.consumed() != bytes.size()) return std::nullopt;
  }
  return ev;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(remote_wire)

BOOST_AUTO_TEST_CASE(the_byte_writer_writes_what_cafs_serializer_writes_for_every_kind) {
  remote_node n;
  for (const auto& ev : every_kind()) {
    auto fast = encode_for_wire(std::make_shared<const astrid::event>(ev));
    BOOST_TEST((*fast.encoded == caf_bytes(*n.sys, ev)), astrid::event_type(ev));
  }
}

BOOST_AUTO_TEST_CASE(the_byte_reader_reads_what_cafs_deserializer_reads_for_every_kind) {
  remote_node n;
  for (const auto& ev : every_kind()) {
    const auto bytes = caf_bytes(*n.sys, ev);
    auto by_caf = read_with(*n.sys, bytes, true);
    auto by_us = read_with(*n.sys, bytes, false);
    BOOST_REQUIRE_MESSAGE(by_caf && by_us, astrid::event_type(ev));
    BOOST_TEST((*by_caf == ev), astrid::event_type(ev));
    BOOST_TEST((*by_us == ev), astrid::event_type(ev));
  }
}

BOOST_AUTO_TEST_CASE(damaged_bytes_never_crash_either_reader_and_agree_when_both_accept) {
  remote_node n;
  std::mt19937 rng{20261201};
  std::size_t both_refused = 0;
  for (const auto& ev : every_kind()) {
    const auto bytes = caf_bytes(*n.sys, ev);
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {  // every truncation fails
      std::vector<char> head(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
      BOOST_TEST(!read_with(*n.sys, head, false).has_value());
    }
    for (int round = 0; round < 40; ++round) {  // a few flipped bytes
      auto damaged = bytes;
      for (int k = 0; k < 3; ++k)
        damaged[rng() % damaged.size()] = static_cast<char>(rng() & 0xff);
      auto by_caf = read_with(*n.sys, damaged, true);
      auto by_us = read_with(*n.sys, damaged, false);
      if (by_caf && by_us) BOOST_TEST((*by_caf == *by_us));
      both_refused += !by_caf && !by_us;
    }
  }
  BOOST_TEST(both_refused > 0u);  // the damage did reach the decoders
}

BOOST_AUTO_TEST_CASE(events_survive_caf_serialization_field_by_field) {
  remote_node n;
  std::vector<astrid::event> samples{rich_ipc_event(), lifecycle("2.0"), custom("x", 7)};
  astrid::events::budget_warning bw{"b", 10, 0.25};
  samples.push_back({astrid::event_metadata::make("k"), bw});
  for (auto& ev : samples) {
    wire_event in{std::make_shared<const astrid::event>(ev)};
    wire_event out;
    BOOST_REQUIRE(!round_trip(*n.sys, in, out));
    BOOST_REQUIRE(out.ev);
    BOOST_TEST((*out.ev == ev));
  }
}

BOOST_AUTO_TEST_CASE(an_event_encoded_once_travels_as_the_same_bytes) {
  remote_node n;
  std::vector<astrid::event> samples{rich_ipc_event(), lifecycle("2.0"), custom("x", 7)};
  wire_batch plain, encoded;
  plain.lagged = encoded.lagged = 3;
  for (auto& ev : samples) {
    auto shared = std::make_shared<const astrid::event>(ev);
    plain.events.push_back(wire_event{shared});
    encoded.events.push_back(encode_for_wire(shared));
    BOOST_TEST(encoded.events.back().encoded->size() > 16u);
  }
  std::vector<char> a, b;
  caf::binary_serializer sink_a{*n.sys, a}, sink_b{*n.sys, b};
  BOOST_REQUIRE(!sink_a(plain));
  BOOST_REQUIRE(!sink_b(encoded));
  BOOST_TEST((a == b));  // the receiving node cannot tell them apart
  wire_batch out;
  caf::binary_deserializer source{*n.sys, b};
  BOOST_REQUIRE(!source(out));
  BOOST_REQUIRE(out.events.size() == samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) BOOST_TEST((*out.events[i].ev == samples[i]));
  BOOST_TEST(out.lagged == 3u);
  BOOST_CHECK_THROW(encode_for_wire(nullptr), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(corrupt_bytes_are_an_error_not_a_crash) {
  remote_node n;
  wire_event in{std::make_shared<const astrid::event>(rich_ipc_event())};
  std::vector<char> buf;
  caf::binary_serializer sink{*n.sys, buf};
  BOOST_REQUIRE(!sink(in));
  wire_event out;
  buf.resize(buf.size() / 2);  // truncated
  caf::binary_deserializer short_source{*n.sys, buf};
  BOOST_TEST(static_cast<bool>(short_source(out)));
}

BOOST_AUTO_TEST_CASE(json_values_cross_exactly_with_their_number_kinds) {
  remote_node n;
  nlohmann::json data = {
      {"neg", -7},
      {"big", std::numeric_limits<std::uint64_t>::max()},
      {"pi", 3.141592653589793},
      {"tiny", 5e-324},
      {"s", "caf\u00e9 \"quoted\"\n"},
      {"empty", nlohmann::json::object()},
      {"list", {1, "two", nullptr, true, false, nlohmann::json::array()}},
  };
  auto back = json_round_trip(*n.sys, data);
  BOOST_TEST((back == data), back.dump() << " != " << data.dump());
  BOOST_TEST(back["neg"].is_number_integer());
  BOOST_TEST(back["big"].is_number_unsigned());
  BOOST_TEST(back["pi"].is_number_float());
  BOOST_TEST(back["list"][0].is_number_unsigned() == data["list"][0].is_number_unsigned());
}

BOOST_AUTO_TEST_CASE(floating_point_crosses_bit_for_bit_even_where_caf_cannot) {
  remote_node n;
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double subnormal = 5e-324;
  // In the schema: a budget's percentage.
  for (double x : {0.25, -0.0, subnormal, inf, -inf, nan}) {
    astrid::events::budget_warning bw{astrid::uuid::random(), 10, x};
    wire_event in{std::make_shared<const astrid::event>(
        astrid::event{astrid::event_metadata::make("k"), bw})},
        out;
    BOOST_REQUIRE(!round_trip(*n.sys, in, out));
    const double back = std::get<astrid::events::budget_warning>(out.ev->data).percent_used;
    BOOST_TEST(std::bit_cast<std::uint64_t>(back) == std::bit_cast<std::uint64_t>(x));
  }
  // In free-form JSON.
  auto back = json_round_trip(*n.sys, {{"tiny", subnormal}, {"inf", inf}, {"nan", nan}});
  BOOST_TEST(back["tiny"].get<double>() == subnormal);
  BOOST_TEST(back["inf"].get<double>() == inf);
  BOOST_TEST(std::isnan(back["nan"].get<double>()));
}

BOOST_AUTO_TEST_CASE(json_nested_deeper_than_the_tree_limit_travels_as_text) {
  remote_node n;
  for (int depth : {wire::max_json_depth - 1, wire::max_json_depth, 120}) {
    auto data = nested(depth);
    BOOST_TEST((json_round_trip(*n.sys, data) == data), "depth " << depth);
  }
}

BOOST_AUTO_TEST_CASE(json_strings_that_are_not_utf8_cross_at_any_depth_a_tree_reaches) {
  remote_node n;
  auto nested_bad = [](int depth) {
    nlohmann::json v = std::string{"\xff\xfe not UTF-8"};
    for (int i = 0; i < depth; ++i) v = nlohmann::json::array({v});
    return v;
  };
  for (int depth : {0, wire::max_json_depth - 1, wire::max_json_depth}) {
    auto data = nested_bad(depth);
    BOOST_TEST((json_round_trip(*n.sys, data) == data), "depth " << depth);
  }
  // Deeper, the subtree must travel as JSON text, which cannot hold the
  // string: the encode fails with an error, it does not throw.
  astrid::event ev{astrid::event_metadata::make("t"), astrid::events::custom{}};
  std::get<astrid::events::custom>(ev.data).data = nested_bad(wire::max_json_depth + 1);
  wire_event in{std::make_shared<const astrid::event>(ev)};
  std::vector<char> buf;
  caf::binary_serializer sink{*n.sys, buf};
  caf::error err;
  BOOST_CHECK_NO_THROW(err = sink(in));
  BOOST_TEST((err == caf::sec::invalid_argument), n.sys->render(err));
}

BOOST_AUTO_TEST_CASE(json_bytes_that_lie_are_refused) {
  remote_node n;
  auto tag = [](wire::json_tag t) { return static_cast<char>(t); };
  // Sanity: the splice itself decodes (an empty array).
  BOOST_TEST(!decode_custom_with(*n.sys, {tag(wire::json_tag::array), 0}));
  // An unknown tag.
  BOOST_TEST(static_cast<bool>(decode_custom_with(*n.sys, {char(42)})));
  // An array that claims a million elements (varbyte C0 84 3D) with no
  // bytes behind it: refused before anything is reserved for it.
  BOOST_TEST(static_cast<bool>(decode_custom_with(
      *n.sys, {tag(wire::json_tag::array), char(0xc0), char(0x84), char(0x3d)})));
  // Nesting past the limit as a tree (a writer sends such a subtree as text).
  std::vector<char> deep;
  for (int i = 0; i <= wire::max_json_depth; ++i) {
    deep.push_back(tag(wire::json_tag::array));
    deep.push_back(1);
  }
  deep.push_back(tag(wire::json_tag::null));
  BOOST_TEST(static_cast<bool>(decode_custom_with(*n.sys, deep)));
  // Text that is not JSON.
  BOOST_TEST(static_cast<bool>(decode_custom_with(*n.sys, {tag(wire::json_tag::text), 3, '{', '{', '}'})));
}

BOOST_AUTO_TEST_CASE(a_byte_sequence_longer_than_its_message_is_refused) {
  remote_node n;
  auto msg = ipc_msg("a.b", 0, astrid::uuid::random());
  msg.signature = std::vector<std::uint8_t>(64, 7);
  wire_event in{std::make_shared<const astrid::event>(astrid::make_ipc_event(msg))}, out;
  std::vector<char> buf;
  caf::binary_serializer sink{*n.sys, buf};
  BOOST_REQUIRE(!sink(in));
  BOOST_REQUIRE(!round_trip(*n.sys, in, out));
  // Cut the message inside the signature: its size now exceeds what is left.
  auto cut = std::search(buf.begin(), buf.end(), msg.signature->begin(), msg.signature->end());
  BOOST_REQUIRE(cut != buf.end());
  buf.erase(cut + 8, buf.end());
  caf::binary_deserializer source{*n.sys, buf};
  BOOST_TEST(static_cast<bool>(source(out)));
}

BOOST_AUTO_TEST_CASE(an_ipc_messages_device_key_and_origin_cross_nodes_unchanged) {
  remote_node n;
  for (auto origin : {astrid::ipc_origin::local_socket, astrid::ipc_origin::remote_gateway,
                      astrid::ipc_origin::system}) {
    auto msg = ipc_msg("a.b", 1, astrid::uuid::random());
    msg.principal = "alice";
    msg.device_key_id = "laptop-1";
    msg.origin = origin;
    const auto ev = std::make_shared<const astrid::event>(astrid::make_ipc_event(msg));
    wire_event in{ev}, out;
    BOOST_REQUIRE(!round_trip(*n.sys, in, out));
    BOOST_REQUIRE(out.ev);
    const auto* got = astrid::as_ipc(*out.ev);
    BOOST_REQUIRE(got != nullptr);
    BOOST_TEST(got->device_key_id.value() == "laptop-1");
    BOOST_TEST((got->origin == origin), astrid::to_string(origin));
    BOOST_TEST((*out.ev == *ev));
    // Encoded once on the sending bus, read by the receiving node's byte reader.
    auto fast = encode_for_wire(ev);
    auto by_us = read_with(*n.sys, *fast.encoded, false);
    BOOST_REQUIRE(by_us);
    BOOST_TEST((*by_us == *ev));
  }
}

BOOST_AUTO_TEST_CASE(an_origin_without_an_enumerator_is_refused_by_both_readers) {
  remote_node n;
  auto msg = ipc_msg("a.b", 1, astrid::uuid::random());
  msg.origin = astrid::ipc_origin::local_socket;
  const auto ev = astrid::make_ipc_event(msg);
  const auto good = caf_bytes(*n.sys, ev);
  BOOST_REQUIRE(read_with(*n.sys, good, true));
  // The origin is the event's last field, an int32: another origin changes
  // only the last four bytes.
  auto changed = ev;
  std::get<astrid::events::ipc>(changed.data).message.origin = astrid::ipc_origin::remote_gateway;
  const auto other = caf_bytes(*n.sys, changed);
  BOOST_REQUIRE(other.size() == good.size());
  BOOST_REQUIRE(std::equal(good.begin(), good.end() - 4, other.begin()));
  BOOST_REQUIRE(!std::equal(good.end() - 4, good.end(), other.end() - 4));
  // 0x7f7f7f7f, then -1: no enumerator.
  for (char fill : {'\x7f', '\xff'}) {
    auto bad = good;
    std::fill(bad.end() - 4, bad.end(), fill);
    BOOST_TEST(!read_with(*n.sys, bad, true).has_value());
    BOOST_TEST(!read_with(*n.sys, bad, false).has_value());
  }
}

BOOST_AUTO_TEST_SUITE_END()
