// Codec entry points for AstridEvent and EventMetadata. An event is
// internally tagged like the payloads, but every kind also carries
// `metadata`, written right after "type" as serde does; the 58 kinds are
// dispatched through index-ordered function tables.
#include "astrid/messages/codec.hpp"
#include "detail/codec_helpers.hpp"

namespace astrid {
namespace detail {
namespace {

constexpr std::string_view event_tag_key = "type";
using event_tags = variant_tags<event_data>;

template <std::size_t I, class J>
void read_event_kind(decode_context& ctx, const J& j, event_data& out) {
  field_reader reader(ctx, j);
  describe(reader, out.template emplace<I>());
}

template <std::size_t I>
void write_event_kind(json_sink& s, const event_data& data) {
  field_writer w(s);
  describe_const(w, *std::get_if<I>(&data));
}

template <class J, std::size_t... I>
constexpr auto make_readers(std::index_sequence<I...>) {
  using fn = void (*)(decode_context&, const J&, event_data&);
  return std::array<fn, sizeof...(I)>{&read_event_kind<I, J>...};
}

template <std::size_t... I>
constexpr auto make_writers(std::index_sequence<I...>) {
  using fn = void (*)(json_sink&, const event_data&);
  return std::array<fn, sizeof...(I)>{&write_event_kind<I>...};
}

template <class J>
constexpr auto event_readers = make_readers<J>(std::make_index_sequence<event_tags::size>{});
constexpr auto event_writers = make_writers(std::make_index_sequence<event_tags::size>{});

// An event from either tree (nlohmann::json or tape_node).

template <class J>
void read_event(decode_context& ctx, const J& j, event& out) {
  if (!j.is_object()) ctx.fail_type("object", j);
  auto t = find_member(j, event_tag_key);
  if (!t) ctx.fail_missing(event_tag_key);
  std::optional<std::size_t> index;
  {
    path_scope scope(ctx, event_tag_key);
    if (!t->is_string()) ctx.fail_type("string (variant tag)", *t);
    index = event_tags::find(string_of(*t));
    if (!index) fail_unknown_variant(ctx, string_of(*t));
  }
  field_reader reader(ctx, j);
  reader("metadata", out.metadata, fields::req);
  event_readers<J>[*index](ctx, j, out.data);
}

}  // namespace

// Outside the unnamed namespace: found by argument-dependent lookup from
// decode_as / encode_dom.
void read(decode_context& ctx, const json& j, event& out) { read_event(ctx, j, out); }
void read(decode_context& ctx, const tape_node& j, event& out) { read_event(ctx, j, out); }

void write(json_sink& s, const event& ev) {
  s.begin_object();
  s.key(event_tag_key);
  s.string(event_tags::by_index[ev.data.index()]);
  s.key("metadata");
  write(s, ev.metadata);
  event_writers[ev.data.index()](s, ev.data);
  s.end_object();
}

}  // namespace detail

event decode_event(const nlohmann::json& j) { return detail::decode_as<event>(j); }
event decode_event_text(std::string_view text) { return detail::decode_text_as<event>(text); }
nlohmann::json encode(const event& ev) { return detail::encode_dom(ev); }
std::string encode_text(const event& ev) { return detail::encode_str(ev); }

event_metadata decode_event_metadata(const nlohmann::json& j) {
  return detail::decode_as<event_metadata>(j);
}
nlohmann::json encode(const event_metadata& m) { return detail::encode_dom(m); }
std::string encode_text(const event_metadata& m) { return detail::encode_str(m); }

}  // namespace astrid
