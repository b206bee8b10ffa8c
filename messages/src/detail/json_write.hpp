// Internal: the generic JSON writer, the mirror of json_read.hpp. Walks a
// value's field table (describe.hpp) or its union's alternative and emits
// tokens to a json_sink in serde's order: tag first, fields as declared.
#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "astrid/messages/encode_error.hpp"
#include "astrid/messages/field_rules.hpp"
#include "astrid/messages/llm.hpp"
#include "astrid/messages/timestamp.hpp"
#include "astrid/messages/uuid.hpp"
#include "json_sink.hpp"
#include "type_traits.hpp"

namespace astrid::detail {

// ---- primitives (json_write.cpp) ---------------------------------------------
void write(json_sink& s, const std::string& x);
void write(json_sink& s, bool x);
void write(json_sink& s, std::uint8_t x);
void write(json_sink& s, std::uint32_t x);
void write(json_sink& s, std::uint64_t x);
void write(json_sink& s, double x);
void write(json_sink& s, const uuid& x);
void write(json_sink& s, const timestamp& x);
/// Untagged MessageContent (codec_llm.cpp).
void write(json_sink& s, const llm::message_content& x);

/// Any JSON. A template so nothing converts to nlohmann::json silently.
template <class J>
requires std::same_as<J, nlohmann::json>
void write(json_sink& s, const J& x) { s.value(x); }

template <class T>
void write(json_sink& s, const std::optional<T>& x) {
  if (x) {
    write(s, *x);
  } else {
    s.null();
  }
}

template <class T>
void write(json_sink& s, const std::vector<T>& x) {
  s.begin_array();
  for (const auto& element : x) write(s, element);
  s.end_array();
}

template <named_enum E>
void write(json_sink& s, E x) {
  s.string(enum_names<E>::values[static_cast<std::size_t>(x)]);
}

/// Writes the fields of one object as the field table directs. In "lazy"
/// mode (external / adjacent alternatives) the object is opened only when a
/// named field comes, so a newtype's content is written bare.
class field_writer {
 public:
  explicit field_writer(json_sink& s, bool lazy = false) : s_(s), opened_(!lazy) {}

  template <class M>
  void operator()(std::string_view, const M& member, fields::content_t) {
    write(s_, member);
    wrote_content_ = true;
  }

  /// raw_json: the object's keys beside the tag (a "type" key inside is
  /// dropped: the tag wins). Throws encode_error for a non-object.
  void operator()(std::string_view, const nlohmann::json& member, fields::flatten_t);

  template <class M>
  void operator()(std::string_view name, const std::optional<M>& member, fields::opt_omit_t) {
    if (member) field(name, *member);
  }

  /// Written only when it differs from a default-constructed member.
  template <class M>
  void operator()(std::string_view name, const M& member, fields::omit_default_t) {
    if (!(member == M{})) field(name, member);
  }

  template <class M>
  void operator()(std::string_view name, const M& member, fields::omit_empty_t) {
    if (!member.empty()) field(name, member);
  }

  template <class M, class Rule>
  void operator()(std::string_view name, const M& member, Rule) {
    field(name, member);
  }

  /// Closes a lazily opened object; writes `{}` when nothing was written.
  void finish_lazy() {
    if (opened_) {
      s_.end_object();
    } else if (!wrote_content_) {
      s_.begin_object();
      s_.end_object();
    }
  }

 private:
  template <class M>
  void field(std::string_view name, const M& member) {
    if (!opened_) {
      s_.begin_object();
      opened_ = true;
    }
    s_.key(name);
    write(s_, member);
  }

  json_sink& s_;
  bool opened_;
  bool wrote_content_ = false;
};

/// Walks the field table of a const value. The tables take `T&` so one
/// description serves reading and writing; the writer never modifies.
template <class T>
void describe_const(field_writer& w, const T& x) {
  describe(w, const_cast<T&>(x));  // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

template <described T>
void write(json_sink& s, const T& x) {
  s.begin_object();
  field_writer w(s);
  describe_const(w, x);
  s.end_object();
}

/// Writes alternative I of U (the held one) with its tag.
template <class U, std::size_t I>
void write_alternative(json_sink& s, const U& u) {
  using alt = std::variant_alternative_t<I, typename U::variant_type>;
  const alt& x = *std::get_if<I>(&u.value);
  if constexpr (U::style == tag_style::external && is_unit_v<alt>) {
    s.string(alt::tag);
  } else if constexpr (U::style == tag_style::external) {
    s.begin_object();
    s.key(alt::tag);
    field_writer w(s, true);
    describe_const(w, x);
    w.finish_lazy();
    s.end_object();
  } else {
    s.begin_object();
    s.key(U::tag_key);
    s.string(alt::tag);
    if constexpr (U::style == tag_style::internal) {
      field_writer w(s);
      describe_const(w, x);
    } else if constexpr (!is_unit_v<alt>) {
      s.key(U::content_key);
      field_writer w(s, true);
      describe_const(w, x);
      w.finish_lazy();
    }
    s.end_object();
  }
}

template <tagged U>
void write(json_sink& s, const U& u) {
  using fn = void (*)(json_sink&, const U&);
  static constexpr auto table = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<fn, sizeof...(I)>{&write_alternative<U, I>...};
  }
  (std::make_index_sequence<std::variant_size_v<typename U::variant_type>>{});
  table[u.value.index()](s, u);
}

}  // namespace astrid::detail
