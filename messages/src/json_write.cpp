// The primitive writers of the generic JSON writer.
#include "detail/json_write.hpp"

#include "detail/format.hpp"

namespace astrid::detail {

void write(json_sink& s, const std::string& x) { s.string(x); }
void write(json_sink& s, bool x) { s.boolean(x); }
void write(json_sink& s, std::uint8_t x) { s.number(static_cast<std::uint64_t>(x)); }
void write(json_sink& s, std::uint32_t x) { s.number(static_cast<std::uint64_t>(x)); }
void write(json_sink& s, std::uint64_t x) { s.number(x); }
void write(json_sink& s, double x) { s.number(x); }
void write(json_sink& s, const uuid& x) {
  char buf[36];
  s.plain_string(format_uuid(x, buf));
}
void write(json_sink& s, const timestamp& x) {
  char buf[max_timestamp_chars];
  s.plain_string(format_timestamp(x, buf));
}

void field_writer::operator()(std::string_view, const nlohmann::json& member, fields::flatten_t) {
  if (!member.is_object()) {
    throw encode_error("raw_json payload must hold a JSON object to be encoded, not a " +
                       std::string(member.type_name()));
  }
  for (auto it = member.begin(); it != member.end(); ++it) {
    if (it.key() == "type") continue;
    s_.key(it.key());
    s_.value(it.value());
  }
}

}  // namespace astrid::detail
