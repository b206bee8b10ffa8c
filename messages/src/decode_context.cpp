// decode_error and the path bookkeeping behind its messages.
#include "detail/decode_context.hpp"
#include "detail/tape.hpp"

namespace astrid {

decode_error::decode_error(std::string path, std::string expectation)
    : std::runtime_error(path + ": " + expectation),
      path_(std::move(path)),
      expectation_(std::move(expectation)) {}

namespace detail {

std::string decode_context::path() const {
  if (depth_ == 0) return "<root>";
  std::string out;
  for (std::size_t i = 0; i < depth_; ++i) {
    const segment& seg = at(i);
    if (seg.is_index) {
      out += '[';
      out += std::to_string(seg.index);
      out += ']';
    } else {
      if (!out.empty()) out += '.';
      out += seg.key;
    }
  }
  return out;
}

void decode_context::fail(std::string expectation) const {
  throw decode_error(path(), std::move(expectation));
}

namespace {

[[noreturn]] void fail_kind(const decode_context& ctx, std::string_view what, std::string_view kind) {
  std::string msg = "expected ";
  msg += what;
  msg += ", got ";
  msg += kind;
  ctx.fail(std::move(msg));
}

}  // namespace

void decode_context::fail_type(std::string_view what, const nlohmann::json& j) const {
  fail_kind(*this, what, json_kind(j));
}

void decode_context::fail_type(std::string_view what, const tape_node& j) const {
  fail_kind(*this, what, json_kind(j));
}

void decode_context::fail_missing(std::string_view key) {
  push(key);
  fail("missing field");
}

std::string quote_excerpt(std::string_view text) {
  constexpr std::size_t max_bytes = 40;
  std::string out = "\"";
  if (text.size() <= max_bytes) {
    out += text;
  } else {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out += text.substr(0, cut);
    out += "\u2026";
  }
  out += '"';
  return out;
}

namespace {

// How error messages name a value of type `t`; `negative`: a signed integer below 0.
std::string_view kind_name(nlohmann::json::value_t t, bool negative) noexcept {
  using v = nlohmann::json::value_t;
  switch (t) {
    case v::null:
      return "null";
    case v::boolean:
      return "boolean";
    case v::string:
      return "string";
    case v::number_unsigned:
      return "integer";
    case v::number_integer:
      return negative ? "negative integer" : "integer";
    case v::number_float:
      return "float";
    case v::array:
      return "array";
    case v::object:
      return "object";
    default:
      return "binary";
  }
}

}  // namespace

std::string_view json_kind(const nlohmann::json& j) noexcept {
  return kind_name(j.type(), j.is_number_integer() && j.get<std::int64_t>() < 0);
}

std::string_view json_kind(const tape_node& j) noexcept {
  return kind_name(j.kind(), j.kind() == tape_kind::number_integer && j.i64() < 0);
}

}  // namespace detail
}  // namespace astrid
