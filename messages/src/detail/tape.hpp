// Internal: a parsed JSON text as a flat tape of tokens, what the text
// decoders (decode_*_text) read instead of a nlohmann tree. Strings are
// views of the text (or of the tape's own copy when they held escapes), an
// object or array knows where it ends, and nothing is freed node by node:
// one vector, a few strings. An object is its token, then each member's key
// token followed by the member's value. tape_node is the read-only view the
// generic reader (json_read.hpp) walks, as it walks a nlohmann::json.
#pragma once

#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace astrid::detail {

/// A token's kind: nlohmann's own value kinds, so that both trees name what
/// they hold alike (binary and discarded never occur on a tape).
using tape_kind = nlohmann::json::value_t;

struct tape_token {
  tape_kind kind = tape_kind::null;
  bool flag = false;       // a boolean's value
  std::uint32_t size = 0;  // a string's bytes; an array's elements; an object's members
  std::uint32_t next = 0;  // the index just past this value (and its children)
  union {
    std::uint64_t u;
    std::int64_t i;
    double d;
    const char* chars;  // a string's first byte
  };
};

class tape;

/// A value on a tape. Cheap to copy; valid while its tape lives.
class tape_node {
 public:
  tape_node(const tape& t, std::uint32_t index) noexcept : tape_(&t), index_(index) {}

  tape_kind kind() const noexcept { return token().kind; }
  bool is_null() const noexcept { return kind() == tape_kind::null; }
  bool is_boolean() const noexcept { return kind() == tape_kind::boolean; }
  bool is_string() const noexcept { return kind() == tape_kind::string; }
  bool is_object() const noexcept { return kind() == tape_kind::object; }
  bool is_array() const noexcept { return kind() == tape_kind::array; }
  bool is_number() const noexcept {
    const auto k = kind();
    return k == tape_kind::number_unsigned || k == tape_kind::number_integer ||
           k == tape_kind::number_float;
  }

  bool boolean() const noexcept { return token().flag; }
  std::uint64_t u64() const noexcept { return token().u; }
  std::int64_t i64() const noexcept { return token().i; }
  /// Any number as f64 (what nlohmann's get<double> gives).
  double f64() const noexcept;
  std::string_view string() const noexcept { return {token().chars, token().size}; }
  /// An array's elements; an object's members (duplicate keys counted each time).
  std::uint32_t size() const noexcept { return token().size; }

  /// The value of member `key` of an object (the last, when the key repeats).
  std::optional<tape_node> find(std::string_view key) const noexcept;
  /// An object's one key and its value when it has exactly one distinct key.
  std::optional<std::pair<std::string_view, tape_node>> single_member() const noexcept;

  /// f(element) for each element of an array, in order.
  template <class F>
  void for_each_element(F&& f) const {
    for (std::uint32_t i = index_ + 1, end = token().next; i < end; i = at(i).next)
      f(tape_node{*tape_, i});
  }
  /// f(key, value) for each member of an object, in text order.
  template <class F>
  void for_each_member(F&& f) const {
    for (std::uint32_t i = index_ + 1, end = token().next; i < end; i = at(i + 1).next)
      f(tape_node{*tape_, i}.string(), tape_node{*tape_, i + 1});
  }

  /// The value as a nlohmann tree (a duplicate key: the last wins).
  nlohmann::json to_json() const;

 private:
  const tape_token& at(std::uint32_t i) const noexcept;
  const tape_token& token() const noexcept { return at(index_); }

  const tape* tape_;
  std::uint32_t index_;
};

/// One parsed JSON text. Keeps views of the text: the text must outlive it.
class tape {
 public:
  /// Parses `text` with parse_json's rules (same errors, same limits).
  /// Throws decode_error.
  explicit tape(std::string_view text);
  tape(const tape&) = delete;
  tape& operator=(const tape&) = delete;

  tape_node root() const noexcept { return {*this, 0}; }

 private:
  friend class tape_node;
  friend class tape_builder;
  std::vector<tape_token> tokens_;
  std::deque<std::string> decoded_;  // the strings that held escapes; stable addresses
};

inline const tape_token& tape_node::at(std::uint32_t i) const noexcept { return tape_->tokens_[i]; }

}  // namespace astrid::detail
