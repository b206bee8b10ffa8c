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

std::string_view json_kind(const nlohmann::json& j) noexcept {
  using t = nlohmann::json::value_t;
  switch (j.type()) {
    case t::null:
      return "null";
    case t::boolean:
      return "boolean";
    case t::string:
      return "string";
    case t::number_unsigned:
      return "integer";
    case t::number_integer:
      return j.get<std::int64_t>() < 0 ? "negative integer" : "integer";
    case t::number_float:
      return "float";
    case t::array:
      return "array";
    case t::object:
      return "object";
    default:
      return "binary";
  }
}

std::string_view json_kind(const tape_node& j) noexcept {
  switch (j.kind()) {
    case tape_kind::null:
      return "null";
    case tape_kind::boolean:
      return "boolean";
    case tape_kind::string:
      return "string";
    case tape_kind::u64:
      return "integer";
    case tape_kind::i64:
      return j.i64() < 0 ? "negative integer" : "integer";
    case tape_kind::f64:
      return "float";
    case tape_kind::array:
      return "array";
    case tape_kind::object:
      return "object";
  }
  return "binary";
}

}  // namespace detail
}  // namespace astrid
