// Internal: the JSON path a decoder is at, so that every decode_error names
// the offending field ("message.payload.is_final"). Segments point at static
// key names (from the field tables) or hold array indices; nothing is copied
// until an error is actually thrown.
#pragma once

#include <cstddef>
#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "astrid/messages/decode_error.hpp"

namespace astrid::detail {

class tape_node;

/// The current path of a decode, plus the throw helpers.
class decode_context {
 public:
  decode_context() = default;

  void push(std::string_view key) { push_segment({key, 0, false}); }
  void push(std::size_t index) { push_segment({{}, index, true}); }
  void pop() noexcept {
    if (depth_-- > inline_depth) overflow_.pop_back();
  }

  /// "a.b[2].c", or "<root>" when empty.
  std::string path() const;

  /// Throws decode_error(path(), expectation).
  [[noreturn]] void fail(std::string expectation) const;

  /// Throws "expected <what>, got <kind of j>".
  [[noreturn]] void fail_type(std::string_view what, const nlohmann::json& j) const;
  [[noreturn]] void fail_type(std::string_view what, const tape_node& j) const;

  /// Throws "<path>.<key>: missing field".
  [[noreturn]] void fail_missing(std::string_view key);

 private:
  struct segment {
    std::string_view key;
    std::size_t index;
    bool is_index;
  };
  // Schema paths are shallow: the first segments live inline, so a decode
  // allocates nothing for its path unless it goes deeper.
  static constexpr std::size_t inline_depth = 16;

  void push_segment(segment seg) {
    if (depth_ < inline_depth) {
      inline_[depth_] = seg;
    } else {
      overflow_.push_back(seg);
    }
    ++depth_;
  }
  const segment& at(std::size_t i) const noexcept {
    return i < inline_depth ? inline_[i] : overflow_[i - inline_depth];
  }

  std::array<segment, inline_depth> inline_{};
  std::vector<segment> overflow_;
  std::size_t depth_ = 0;
};

/// Pushes a key or index for the lifetime of the scope.
class path_scope {
 public:
  template <class Segment>
  path_scope(decode_context& ctx, Segment seg) : ctx_(ctx) {
    ctx_.push(seg);
  }
  ~path_scope() { ctx_.pop(); }
  path_scope(const path_scope&) = delete;
  path_scope& operator=(const path_scope&) = delete;

 private:
  decode_context& ctx_;
};

/// `"text"` quoted for an error message, cut to at most 40 bytes (at a
/// UTF-8 character boundary) with "…" when longer.
std::string quote_excerpt(std::string_view text);

/// "string", "integer", "negative integer", "float", "boolean", "null",
/// "array" or "object": how error messages name what was found.
std::string_view json_kind(const nlohmann::json& j) noexcept;
std::string_view json_kind(const tape_node& j) noexcept;

}  // namespace astrid::detail
