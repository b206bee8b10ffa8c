// The primitive readers of the generic JSON reader: strings, booleans,
// unsigned integers with serde's range rules, f64, uuid and timestamp.
#include "detail/json_read.hpp"

#include <limits>

namespace astrid::detail {
namespace {

// serde's integer rules: non-negative integers only (no floats, even 1.0),
// and within the target's range.
template <class UInt>
UInt read_unsigned(decode_context& ctx, const json& j, std::string_view name) {
  std::uint64_t value = 0;
  if (j.is_number_unsigned()) {
    value = j.get<std::uint64_t>();
  } else if (j.is_number_integer()) {
    const auto v = j.get<std::int64_t>();
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

}  // namespace

void read(decode_context& ctx, const json& j, std::string& out) {
  if (!j.is_string()) ctx.fail_type("string", j);
  ctx.take(j.get_ref<const std::string&>(), out);
}

void read(decode_context& ctx, const json& j, bool& out) {
  if (!j.is_boolean()) ctx.fail_type("boolean", j);
  out = j.get<bool>();
}

void read(decode_context& ctx, const json& j, std::uint8_t& out) {
  out = read_unsigned<std::uint8_t>(ctx, j, "u8");
}

void read(decode_context& ctx, const json& j, std::uint32_t& out) {
  out = read_unsigned<std::uint32_t>(ctx, j, "u32");
}

void read(decode_context& ctx, const json& j, std::uint64_t& out) {
  out = read_unsigned<std::uint64_t>(ctx, j, "u64");
}

void read(decode_context& ctx, const json& j, double& out) {
  if (!j.is_number()) ctx.fail_type("f64", j);
  out = j.get<double>();
}

void read(decode_context& ctx, const json& j, uuid& out) {
  if (!j.is_string()) ctx.fail_type("UUID string", j);
  auto parsed = uuid::parse(j.get_ref<const std::string&>());
  if (!parsed)
    ctx.fail("expected UUID string, got invalid UUID " +
             quote_excerpt(j.get_ref<const std::string&>()));
  out = *parsed;
}

void read(decode_context& ctx, const json& j, timestamp& out) {
  if (!j.is_string()) ctx.fail_type("RFC 3339 timestamp string", j);
  auto parsed = timestamp::parse(j.get_ref<const std::string&>());
  if (!parsed) {
    ctx.fail("expected RFC 3339 timestamp, got invalid timestamp " +
             quote_excerpt(j.get_ref<const std::string&>()));
  }
  out = *parsed;
}

void read(decode_context& ctx, const json& j, json& out) { ctx.take(j, out); }

void fail_unknown_variant(decode_context& ctx, std::string_view tag) {
  ctx.fail("unknown variant " + quote_excerpt(tag));
}

}  // namespace astrid::detail
