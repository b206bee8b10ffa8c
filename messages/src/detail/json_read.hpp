// Internal: the generic JSON reader. One set of templates turns a
// nlohmann::json value into any schema type by walking its field table
// (describe.hpp) or its union's tag table; primitives are read by the
// overloads defined in json_read.cpp. Every failure throws decode_error
// through the decode_context, which knows the path.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "astrid/messages/field_rules.hpp"
#include "astrid/messages/llm.hpp"
#include "astrid/messages/timestamp.hpp"
#include "astrid/messages/uuid.hpp"
#include "decode_context.hpp"
#include "type_traits.hpp"

namespace astrid::detail {

using json = nlohmann::json;

// ---- primitives (json_read.cpp) --------------------------------------------
void read(decode_context& ctx, const json& j, std::string& out);
void read(decode_context& ctx, const json& j, bool& out);
void read(decode_context& ctx, const json& j, std::uint8_t& out);
void read(decode_context& ctx, const json& j, std::uint32_t& out);
void read(decode_context& ctx, const json& j, std::uint64_t& out);
void read(decode_context& ctx, const json& j, double& out);
void read(decode_context& ctx, const json& j, uuid& out);
void read(decode_context& ctx, const json& j, timestamp& out);
void read(decode_context& ctx, const json& j, json& out);
/// Untagged MessageContent (codec_llm.cpp).
void read(decode_context& ctx, const json& j, llm::message_content& out);

/// Throws `unknown variant "<tag>"` at the current path.
[[noreturn]] void fail_unknown_variant(decode_context& ctx, std::string_view tag);

// ---- containers --------------------------------------------------------------

template <class T>
void read(decode_context& ctx, const json& j, std::optional<T>& out) {
  if (j.is_null()) {
    out.reset();
    return;
  }
  read(ctx, j, out.emplace());
}

template <class T>
void read(decode_context& ctx, const json& j, std::vector<T>& out) {
  if (!j.is_array()) ctx.fail_type("array", j);
  out.clear();
  out.reserve(j.size());
  std::size_t i = 0;
  for (const auto& element : j) {
    path_scope scope(ctx, i++);
    read(ctx, element, out.emplace_back());
  }
}

template <named_enum E>
void read(decode_context& ctx, const json& j, E& out) {
  if (!j.is_string()) ctx.fail_type("string (variant name)", j);
  const auto& names = enum_names<E>::values;
  const auto& s = j.get_ref<const std::string&>();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == s) {
      out = static_cast<E>(i);
      return;
    }
  }
  fail_unknown_variant(ctx, s);
}

// ---- described structs -------------------------------------------------------

/// Reads the fields of one object (or, for a newtype alternative, its whole
/// content) as the field table directs.
class field_reader {
 public:
  field_reader(decode_context& ctx, const json& body, std::string_view tag_key = {})
      : ctx_(ctx), body_(body), tag_key_(tag_key) {}

  template <class M>
  void operator()(std::string_view, M& member, fields::content_t) {
    read(ctx_, body_, member);
  }

  void operator()(std::string_view, json& member, fields::flatten_t) {
    member = json::object();
    for (auto it = body_.begin(); it != body_.end(); ++it) {
      if (it.key() != tag_key_) ctx_.take(it.value(), member[it.key()]);
    }
  }

  template <class M, class Rule>
  void operator()(std::string_view name, M& member, Rule rule) {
    if (!body_.is_object()) ctx_.fail_type("object", body_);
    auto it = body_.find(name);
    if (it == body_.end()) {
      on_missing(name, member, rule);
      return;
    }
    path_scope scope(ctx_, name);
    read(ctx_, *it, member);
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
  void on_missing(std::string_view, M&, fields::omit_empty_t) {}
  void on_missing(std::string_view, timestamp& member, fields::default_now_t) {
    member = timestamp::now();
  }

  decode_context& ctx_;
  const json& body_;
  std::string_view tag_key_;
};

template <described T>
void read(decode_context& ctx, const json& j, T& out) {
  if (!j.is_object()) ctx.fail_type("object", j);
  field_reader reader(ctx, j);
  describe(reader, out);
}

// ---- tagged unions -------------------------------------------------------------

/// Reads alternative I of U from `content` (nullptr: the bare-tag form, or
/// no content key at all).
template <class U, std::size_t I>
void read_alternative(decode_context& ctx, const json* content, U& out) {
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
template <class U>
void read_alternative_at(decode_context& ctx, std::size_t index, const json* content, U& out) {
  using fn = void (*)(decode_context&, const json*, U&);
  static constexpr auto table = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<fn, sizeof...(I)>{&read_alternative<U, I>...};
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
template <class U>
std::size_t tag_index(decode_context& ctx, const json& j) {
  auto it = j.find(U::tag_key);
  if (it == j.end()) ctx.fail_missing(U::tag_key);
  path_scope scope(ctx, U::tag_key);
  if (!it->is_string()) ctx.fail_type("string (variant tag)", *it);
  return *find_tag<U>(ctx, it->template get_ref<const std::string&>());
}

template <tagged U>
void read(decode_context& ctx, const json& j, U& out) {
  if constexpr (U::style == tag_style::external) {
    if (j.is_string()) {
      auto index = find_tag<U>(ctx, j.get_ref<const std::string&>());
      read_alternative_at(ctx, *index, nullptr, out);
      return;
    }
    if (!j.is_object() || j.size() != 1) {
      ctx.fail_type("a variant name or an object with exactly one key", j);
    }
    auto it = j.begin();
    path_scope scope(ctx, std::string_view(it.key()));
    auto index = find_tag<U>(ctx, it.key());
    read_alternative_at(ctx, *index, &it.value(), out);
  } else {
    if (!j.is_object()) ctx.fail_type("object", j);
    const std::size_t index = tag_index<U>(ctx, j);
    if constexpr (U::style == tag_style::internal) {
      read_alternative_at(ctx, index, &j, out);
    } else {
      auto it = j.find(U::content_key);
      path_scope scope(ctx, U::content_key);
      read_alternative_at(ctx, index, it == j.end() ? nullptr : &*it, out);
    }
  }
}

}  // namespace astrid::detail
