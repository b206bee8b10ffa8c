// Internal: the generic JSON reader. One set of templates turns a JSON
// value into any schema type by walking its field table (describe.hpp) or
// its union's tag table; primitives are read by the overloads defined in
// json_read.cpp. The value is a nlohmann::json (decode_event and the other
// DOM decoders) or a tape_node (the text decoders, which skip the DOM);
// the few ways the two differ are the adapters below. Every failure throws
// decode_error through the decode_context, which knows the path.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "astrid/messages/field_rules.hpp"
#include "astrid/messages/llm.hpp"
#include "astrid/messages/timestamp.hpp"
#include "astrid/messages/uuid.hpp"
#include "decode_context.hpp"
#include "tape.hpp"
#include "type_traits.hpp"

namespace astrid::detail {

using json = nlohmann::json;

// ---- the two trees -------------------------------------------------------------

/// A value the reader walks.
template <class J>
concept json_tree = std::same_as<J, json> || std::same_as<J, tape_node>;

inline std::string_view string_of(const json& j) { return j.get_ref<const std::string&>(); }
inline std::string_view string_of(const tape_node& j) noexcept { return j.string(); }

/// Member `key` of an object (pointer-like: false when absent).
inline const json* find_member(const json& j, std::string_view key) {
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}
inline std::optional<tape_node> find_member(const tape_node& j, std::string_view key) noexcept {
  return j.find(key);
}

/// An object's one key and its value, when it has exactly one key.
inline std::optional<std::pair<std::string_view, std::reference_wrapper<const json>>>
single_member(const json& j) {
  if (j.size() != 1) return std::nullopt;
  auto it = j.begin();
  return std::pair<std::string_view, std::reference_wrapper<const json>>{it.key(), it.value()};
}
inline std::optional<std::pair<std::string_view, tape_node>> single_member(const tape_node& j) {
  return j.single_member();
}

template <class F>
void for_each_element(const json& j, F&& f) {
  for (const auto& element : j) f(element);
}
template <class F>
void for_each_element(const tape_node& j, F&& f) {
  j.for_each_element(f);
}

template <class F>
void for_each_member(const json& j, F&& f) {
  for (auto it = j.begin(); it != j.end(); ++it) f(std::string_view(it.key()), it.value());
}
template <class F>
void for_each_member(const tape_node& j, F&& f) {
  j.for_each_member(f);
}

// ---- primitives (json_read.cpp), for either tree -----------------------------
#define ASTRID_DECLARE_PRIMITIVE_READS(J)                              \
  void read(decode_context& ctx, const J& j, std::string& out);       \
  void read(decode_context& ctx, const J& j, bool& out);              \
  void read(decode_context& ctx, const J& j, std::uint8_t& out);      \
  void read(decode_context& ctx, const J& j, std::uint32_t& out);     \
  void read(decode_context& ctx, const J& j, std::uint64_t& out);     \
  void read(decode_context& ctx, const J& j, double& out);            \
  void read(decode_context& ctx, const J& j, uuid& out);              \
  void read(decode_context& ctx, const J& j, timestamp& out);         \
  void read(decode_context& ctx, const J& j, json& out);              \
  /* Untagged MessageContent (codec_llm.cpp). */                      \
  void read(decode_context& ctx, const J& j, llm::message_content& out);
ASTRID_DECLARE_PRIMITIVE_READS(json)
ASTRID_DECLARE_PRIMITIVE_READS(tape_node)
#undef ASTRID_DECLARE_PRIMITIVE_READS

/// Throws `unknown variant "<tag>"` at the current path.
[[noreturn]] void fail_unknown_variant(decode_context& ctx, std::string_view tag);

// ---- containers --------------------------------------------------------------

template <json_tree J, class T>
void read(decode_context& ctx, const J& j, std::optional<T>& out) {
  if (j.is_null()) {
    out.reset();
    return;
  }
  read(ctx, j, out.emplace());
}

template <json_tree J, class T>
void read(decode_context& ctx, const J& j, std::vector<T>& out) {
  if (!j.is_array()) ctx.fail_type("array", j);
  out.clear();
  out.reserve(j.size());
  std::size_t i = 0;
  for_each_element(j, [&](const J& element) {
    path_scope scope(ctx, i++);
    read(ctx, element, out.emplace_back());
  });
}

template <json_tree J, named_enum E>
void read(decode_context& ctx, const J& j, E& out) {
  if (!j.is_string()) ctx.fail_type("string (variant name)", j);
  const auto& names = enum_names<E>::values;
  const auto s = string_of(j);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == s) {
      out = static_cast<E>(i);
      return;
    }
  }
  if constexpr (requires { enum_names<E>::fallback; }) {
    out = enum_names<E>::fallback;
  } else {
    fail_unknown_variant(ctx, s);
  }
}

// ---- described structs -------------------------------------------------------

/// Reads the fields of one object (or, for a newtype alternative, its whole
/// content) as the field table directs.
template <json_tree J>
class field_reader {
 public:
  field_reader(decode_context& ctx, const J& body, std::string_view tag_key = {})
      : ctx_(ctx), body_(body), tag_key_(tag_key) {}

  template <class M>
  void operator()(std::string_view, M& member, fields::content_t) {
    read(ctx_, body_, member);
  }

  void operator()(std::string_view, json& member, fields::flatten_t) {
    member = json::object();
    for_each_member(body_, [&](std::string_view key, const J& value) {
      if (key != tag_key_) read(ctx_, value, member[json::string_t(key)]);
    });
  }

  template <class M, class Rule>
  void operator()(std::string_view name, M& member, Rule rule) {
    if (!body_.is_object()) ctx_.fail_type("object", body_);
    auto found = find_member(body_, name);
    if (!found) {
      on_missing(name, member, rule);
      return;
    }
    path_scope scope(ctx_, name);
    read(ctx_, *found, member);
  }

 private:
  template <class M>
  void on_missing(std::string_view name, M&, fields::required_t) {
    ctx_.fail_missing(name);
  }
  template <class M>
  void on_missing(std::string_view, std::optional<M>& member, fields::opt_null_t) {
    member.reset();
  }
  template <class M>
  void on_missing(std::string_view, std::optional<M>& member, fields::opt_omit_t) {
    member.reset();
  }
  template <class M>
  void on_missing(std::string_view, M&, fields::defaulted_t) {}
  template <class M>
  void on_missing(std::string_view, M&, fields::omit_default_t) {}
  template <class M>
  void on_missing(std::string_view, M&, fields::omit_empty_t) {}
  void on_missing(std::string_view, timestamp& member, fields::default_now_t) {
    member = timestamp::now();
  }

  decode_context& ctx_;
  const J& body_;
  std::string_view tag_key_;
};

template <json_tree J, described T>
void read(decode_context& ctx, const J& j, T& out) {
  if (!j.is_object()) ctx.fail_type("object", j);
  field_reader reader(ctx, j);
  describe(reader, out);
}

// ---- tagged unions -------------------------------------------------------------

/// Reads alternative I of U from `content` (nullptr: the bare-tag form, or
/// no content key at all).
template <class U, std::size_t I, json_tree J>
void read_alternative(decode_context& ctx, const J* content, U& out) {
  using alt = std::variant_alternative_t<I, typename U::variant_type>;
  auto& x = out.value.template emplace<I>();
  if constexpr (U::style == tag_style::internal) {
    field_reader reader(ctx, *content, U::tag_key);
    describe(reader, x);
  } else if constexpr (is_unit_v<alt>) {
    if (content != nullptr && !content->is_null()) ctx.fail_type("null (unit variant)", *content);
  } else {
    if (content == nullptr)
      ctx.fail("missing content of variant \"" + std::string(alt::tag) + "\"");
    field_reader reader(ctx, *content);
    describe(reader, x);
  }
}

/// Dispatches to read_alternative<U, index>.
template <class U, json_tree J>
void read_alternative_at(decode_context& ctx, std::size_t index, const J* content, U& out) {
  using fn = void (*)(decode_context&, const J*, U&);
  static constexpr auto table = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<fn, sizeof...(I)>{&read_alternative<U, I, J>...};
  }
  (std::make_index_sequence<std::variant_size_v<typename U::variant_type>>{});
  table[index](ctx, content, out);
}

/// Looks a tag up in U's table; unknown tags go to U::fallback when U has one.
template <class U>
std::optional<std::size_t> find_tag(decode_context& ctx, std::string_view tag) {
  using tags = variant_tags<typename U::variant_type>;
  if (auto index = tags::find(tag)) return index;
  if constexpr (requires { typename U::fallback; }) {
    return tags::find(U::fallback::tag);
  } else {
    fail_unknown_variant(ctx, tag);
  }
}

/// Index of the alternative named by j[U::tag_key] (j is an object).
/// Throws when the tag is missing, not a string, or unknown without fallback.
template <class U, json_tree J>
std::size_t tag_index(decode_context& ctx, const J& j) {
  auto tag = find_member(j, U::tag_key);
  if (!tag) ctx.fail_missing(U::tag_key);
  path_scope scope(ctx, U::tag_key);
  if (!tag->is_string()) ctx.fail_type("string (variant tag)", *tag);
  return *find_tag<U>(ctx, string_of(*tag));
}

template <json_tree J, tagged U>
void read(decode_context& ctx, const J& j, U& out) {
  if constexpr (U::style == tag_style::external) {
    if (j.is_string()) {
      auto index = find_tag<U>(ctx, string_of(j));
      read_alternative_at(ctx, *index, static_cast<const J*>(nullptr), out);
      return;
    }
    auto member = j.is_object() ? single_member(j) : std::nullopt;
    if (!member) ctx.fail_type("a variant name or an object with exactly one key", j);
    path_scope scope(ctx, member->first);
    auto index = find_tag<U>(ctx, member->first);
    const J& content = member->second;
    read_alternative_at(ctx, *index, &content, out);
  } else {
    if (!j.is_object()) ctx.fail_type("object", j);
    const std::size_t index = tag_index<U>(ctx, j);
    if constexpr (U::style == tag_style::internal) {
      read_alternative_at(ctx, index, &j, out);
    } else {
      auto content = find_member(j, U::content_key);
      path_scope scope(ctx, U::content_key);
      read_alternative_at(ctx, index, content ? &*content : static_cast<const J*>(nullptr), out);
    }
  }
}

}  // namespace astrid::detail
