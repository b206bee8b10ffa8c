// The primitive readers of the generic JSON reader: strings, booleans,
// unsigned integers with serde's range rules, f64, uuid and timestamp, for
// both trees (a nlohmann::json and a tape_node).
#include "detail/json_read.hpp"

#include <limits>

namespace astrid::detail {
namespace {

// What a number is, in the terms serde's rules need.
bool is_unsigned(const json& j) noexcept { return j.is_number_unsigned(); }
bool is_unsigned(const tape_node& j) noexcept { return j.kind() == tape_kind::number_unsigned; }
bool is_signed(const json& j) noexcept { return j.is_number_integer() && !j.is_number_unsigned(); }
bool is_signed(const tape_node& j) noexcept { return j.kind() == tape_kind::number_integer; }
std::uint64_t unsigned_of(const json& j) { return j.get<std::uint64_t>(); }
std::uint64_t unsigned_of(const tape_node& j) noexcept { return j.u64(); }
std::int64_t signed_of(const json& j) { return j.get<std::int64_t>(); }
std::int64_t signed_of(const tape_node& j) noexcept { return j.i64(); }
double double_of(const json& j) { return j.get<double>(); }
double double_of(const tape_node& j) noexcept { return j.f64(); }
bool bool_of(const json& j) { return j.get<bool>(); }
bool bool_of(const tape_node& j) noexcept { return j.boolean(); }

// serde's integer rules: non-negative integers only (no floats, even 1.0),
// and within the target's range.
template <class UInt, json_tree J>
UInt read_unsigned(decode_context& ctx, const J& j, std::string_view name) {
  std::uint64_t value = 0;
  if (is_unsigned(j)) {
    value = unsigned_of(j);
  } else if (is_signed(j)) {
    const auto v = signed_of(j);
    if (v < 0)
      ctx.fail("expected " + std::string(name) + ", got negative integer " + std::to_string(v));
    value = static_cast<std::uint64_t>(v);
  } else {
    ctx.fail_type(name, j);
  }
  if (value > std::numeric_limits<UInt>::max()) {
    ctx.fail("expected " + std::string(name) + ", got out-of-range integer " +
             std::to_string(value));
  }
  return static_cast<UInt>(value);
}

void copy_string(const json& j, std::string& out) { out = j.get_ref<const std::string&>(); }
void copy_string(const tape_node& j, std::string& out) { out.assign(j.string()); }

void copy_tree(const json& j, json& out) { out = j; }
void copy_tree(const tape_node& j, json& out) { out = j.to_json(); }

template <json_tree J>
void read_string(decode_context& ctx, const J& j, std::string& out) {
  if (!j.is_string()) ctx.fail_type("string", j);
  copy_string(j, out);
}

template <json_tree J>
void read_bool(decode_context& ctx, const J& j, bool& out) {
  if (!j.is_boolean()) ctx.fail_type("boolean", j);
  out = bool_of(j);
}

template <json_tree J>
void read_double(decode_context& ctx, const J& j, double& out) {
  if (!j.is_number()) ctx.fail_type("f64", j);
  out = double_of(j);
}

template <json_tree J>
void read_uuid(decode_context& ctx, const J& j, uuid& out) {
  if (!j.is_string()) ctx.fail_type("UUID string", j);
  const auto text = string_of(j);
  auto parsed = uuid::parse(text);
  if (!parsed) ctx.fail("expected UUID string, got invalid UUID " + quote_excerpt(text));
  out = *parsed;
}

template <json_tree J>
void read_timestamp(decode_context& ctx, const J& j, timestamp& out) {
  if (!j.is_string()) ctx.fail_type("RFC 3339 timestamp string", j);
  const auto text = string_of(j);
  auto parsed = timestamp::parse(text);
  if (!parsed)
    ctx.fail("expected RFC 3339 timestamp, got invalid timestamp " + quote_excerpt(text));
  out = *parsed;
}

}  // namespace

#define ASTRID_DEFINE_PRIMITIVE_READS(J)                                                      \
  void read(decode_context& ctx, const J& j, std::string& out) { read_string(ctx, j, out); }  \
  void read(decode_context& ctx, const J& j, bool& out) { read_bool(ctx, j, out); }           \
  void read(decode_context& ctx, const J& j, std::uint8_t& out) {                             \
    out = read_unsigned<std::uint8_t>(ctx, j, "u8");                                          \
  }                                                                                           \
  void read(decode_context& ctx, const J& j, std::uint32_t& out) {                            \
    out = read_unsigned<std::uint32_t>(ctx, j, "u32");                                        \
  }                                                                                           \
  void read(decode_context& ctx, const J& j, std::uint64_t& out) {                            \
    out = read_unsigned<std::uint64_t>(ctx, j, "u64");                                        \
  }                                                                                           \
  void read(decode_context& ctx, const J& j, double& out) { read_double(ctx, j, out); }       \
  void read(decode_context& ctx, const J& j, uuid& out) { read_uuid(ctx, j, out); }           \
  void read(decode_context& ctx, const J& j, timestamp& out) { read_timestamp(ctx, j, out); } \
  void read(decode_context& ctx, const J& j, json& out) { copy_tree(j, out); }
ASTRID_DEFINE_PRIMITIVE_READS(json)
ASTRID_DEFINE_PRIMITIVE_READS(tape_node)
#undef ASTRID_DEFINE_PRIMITIVE_READS

void fail_unknown_variant(decode_context& ctx, std::string_view tag) {
  ctx.fail("unknown variant " + quote_excerpt(tag));
}

}  // namespace astrid::detail
