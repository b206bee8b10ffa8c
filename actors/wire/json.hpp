// Free-form JSON values (custom payloads, tool arguments, raw_json) between
// nodes: a tagged tree written with CAF's (de)serializer, not JSON text, so
// neither side prints or lexes. A tag byte, then the value: booleans and
// numbers as themselves (integer, unsigned and float kept apart, as
// nlohmann::json keeps them), strings as CAF strings, arrays and objects as
// a size and their elements (object members as key, value). An array or
// object deeper than max_json_depth, or nlohmann binary data, travels as its
// JSON text instead, so the reading side never recurses deeper than that; a
// deep one holding a string that is not UTF-8 has no JSON text and cannot
// be written (invalid_argument).
// Sizes read from the network are checked against the bytes left before
// anything is allocated for them.
#pragma once

#include <caf/sec.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

namespace astrid::bus::wire {

/// The kinds of JSON value on the wire.
enum class json_tag : std::uint8_t {
  null, boolean, integer, unsigned_integer, floating, string, array, object, text
};

/// Nesting written as a tree; deeper subtrees travel as JSON text.
inline constexpr int max_json_depth = 64;

/// Writes `x` through `io` (a saving wire_io, see io.hpp).
template <class IO>
bool save_json(IO& io, const nlohmann::json& x, int depth) {
  using kind = nlohmann::json::value_t;
  auto tag = [&](json_tag t) {
    auto raw = static_cast<std::uint8_t>(t);
    return io.primitive(raw);
  };
  // Only containers recurse on the reading side: a scalar at the limit
  // travels as itself, which also keeps strings that are not UTF-8 (JSON
  // text cannot hold them) writable wherever a reader accepts them.
  const bool container = x.is_array() || x.is_object();
  if ((depth >= max_json_depth && container) || x.is_binary()) {
    std::string text;
    try {
      text = x.dump();
    } catch (const nlohmann::json::exception&) {
      return io.fail(caf::sec::invalid_argument);  // a string in it is not UTF-8
    }
    return tag(json_tag::text) && io.primitive(text);
  }
  auto scalar = [&](json_tag t, auto v) { return tag(t) && io.primitive(v); };
  switch (x.type()) {
    case kind::boolean: return scalar(json_tag::boolean, x.get<bool>());
    case kind::number_integer: return scalar(json_tag::integer, x.get<std::int64_t>());
    case kind::number_unsigned: return scalar(json_tag::unsigned_integer, x.get<std::uint64_t>());
    case kind::number_float: return scalar(json_tag::floating, x.get<double>());
    case kind::string:  // reading only
      return tag(json_tag::string) &&
             io.primitive(const_cast<std::string&>(x.get_ref<const std::string&>()));
    case kind::array: {
      std::size_t n = x.size();
      if (!tag(json_tag::array) || !io.begin_sequence(n)) return false;
      for (const auto& v : x)
        if (!save_json(io, v, depth + 1)) return false;
      return io.end_sequence();
    }
    case kind::object: {
      std::size_t n = x.size();
      if (!tag(json_tag::object) || !io.begin_sequence(n)) return false;
      for (const auto& [key, v] : x.get_ref<const nlohmann::json::object_t&>())
        if (!io.primitive(const_cast<std::string&>(key)) || !save_json(io, v, depth + 1))
          return false;  // the key: reading only
      return io.end_sequence();
    }
    default: return tag(json_tag::null);  // null (a discarded value never is stored)
  }
}

template <class T, class IO>
bool load_scalar(IO& io, nlohmann::json& x) {
  T v{};
  if (!io.primitive(v)) return false;
  x = std::move(v);
  return true;
}

/// Reads a value written by save_json through `io` (a loading wire_io).
template <class IO>
bool load_json(IO& io, nlohmann::json& x, int depth) {
  std::uint8_t raw = 0;
  if (!io.primitive(raw)) return false;
  const auto tag = static_cast<json_tag>(raw);
  switch (tag) {
    case json_tag::null: x = nullptr; return true;
    case json_tag::boolean: return load_scalar<bool>(io, x);
    case json_tag::integer: return load_scalar<std::int64_t>(io, x);
    case json_tag::unsigned_integer: return load_scalar<std::uint64_t>(io, x);
    case json_tag::floating: return load_scalar<double>(io, x);
    case json_tag::string: return load_scalar<std::string>(io, x);
    case json_tag::text: {
      std::string text;
      if (!io.primitive(text)) return false;
      x = nlohmann::json::parse(text, nullptr, false);
      return !x.is_discarded() || io.fail(caf::sec::invalid_argument);
    }
    case json_tag::array:
    case json_tag::object: break;
    default: return io.fail(caf::sec::invalid_argument);  // corrupt tag
  }
  // A writer sends a subtree this deep as text.
  if (depth >= max_json_depth) return io.fail(caf::sec::invalid_argument);
  std::size_t n = 0;
  if (!io.begin_sequence(n) || !io.may_hold(n)) return false;
  if (tag == json_tag::array) {
    x = nlohmann::json::array();
    auto& items = x.get_ref<nlohmann::json::array_t&>();
    items.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (!load_json(io, items.emplace_back(), depth + 1)) return false;
  } else {
    x = nlohmann::json::object();
    auto& members = x.get_ref<nlohmann::json::object_t&>();
    for (std::size_t i = 0; i < n; ++i) {
      std::string key;
      nlohmann::json v;
      if (!io.primitive(key) || !load_json(io, v, depth + 1)) return false;
      members.insert_or_assign(members.end(), std::move(key), std::move(v));  // sorted: O(1)
    }
  }
  return io.end_sequence();
}

}  // namespace astrid::bus::wire
