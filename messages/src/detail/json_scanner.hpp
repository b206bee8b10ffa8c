// Internal: JSON text read with serde_json's rules and limits, once for
// every tree built from it. json_scanner reads the tokens (strings as views
// of the text unless they hold escapes, numbers typed as serde_json types
// them); parse_document walks the grammar and hands each value to a
// builder: the nlohmann DOM of parse_json (parse_json.cpp) or the tape the
// text decoders read (tape.cpp). Recursion is bounded by max_json_depth,
// so a million `[` cannot exhaust the stack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "astrid/messages/codec.hpp"

namespace astrid::detail {

/// A JSON number as serde_json types it: non-negative integers as u64,
/// negative ones as i64, everything else ("-0", fractions, exponents,
/// integers beyond 64 bits) as f64.
struct scanned_number {
  enum class kind : std::uint8_t { u64, i64, f64 } type;
  std::uint64_t u = 0;
  std::int64_t i = 0;
  double d = 0;
};

class json_scanner {
 public:
  explicit json_scanner(std::string_view text) noexcept : text_(text) {}

  /// Throws decode_error("<root>", "invalid JSON at line L column C: what").
  [[noreturn]] void fail(std::string_view what) const;

  bool at_end() const noexcept { return pos_ >= text_.size(); }
  char peek() const noexcept { return at_end() ? '\0' : text_[pos_]; }
  /// The character at the cursor, which moves past it (not at the end).
  char take() noexcept { return text_[pos_++]; }
  void skip_whitespace() noexcept {
    while (!at_end()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') break;
      ++pos_;
    }
  }
  /// Skips whitespace and `c`; fails with `what` when another character is there.
  void expect(char c, std::string_view what);
  /// Reads `word` (true, false, null) or fails.
  void literal(std::string_view word);
  /// The string at the cursor (its opening quote): a view of the text when
  /// it holds no escape, else a view of `scratch`, which then holds it
  /// decoded. Validates UTF-8 and escapes.
  std::string_view string(std::string& scratch);
  /// The number at the cursor.
  scanned_number number();

 private:
  void escape(std::string& out);
  unsigned hex4();

  std::string_view text_;
  std::size_t pos_ = 0;
};

template <class Builder>
void parse_value(json_scanner& s, Builder& b, std::size_t depth);

// An object or array at the cursor, `depth` containers deep already.
template <class Builder>
void parse_container(json_scanner& s, Builder& b, std::size_t depth, bool is_object) {
  if (depth + 1 > max_json_depth) {
    s.fail("nesting deeper than " + std::to_string(max_json_depth) + " arrays/objects");
  }
  s.take();
  is_object ? b.begin_object() : b.begin_array();
  s.skip_whitespace();
  const char close = is_object ? '}' : ']';
  if (s.peek() == close) {
    s.take();
  } else {
    do {
      s.skip_whitespace();
      if (is_object) {
        if (s.peek() != '"')
          s.fail(s.at_end() ? "unexpected end of input" : "expected a string key");
        const auto key = s.string(b.scratch());
        b.key(key);
        s.expect(':', "expected ':'");
        s.skip_whitespace();
      } else {
        b.element();
      }
      parse_value(s, b, depth + 1);
      s.skip_whitespace();
      if (s.peek() != ',' && s.peek() != close) {
        s.fail(s.at_end() ? "unexpected end of input" : "expected ',' or a closing bracket");
      }
    } while (s.take() == ',');
  }
  b.end_container();
}

/// Reads one value into `b`: null(), boolean(v), number(n), string(view),
/// begin_object()/key(k)…/end_container(), begin_array()/element()…/end_container().
template <class Builder>
void parse_value(json_scanner& s, Builder& b, std::size_t depth) {
  switch (s.peek()) {
    case '{':
      parse_container(s, b, depth, true);
      break;
    case '[':
      parse_container(s, b, depth, false);
      break;
    case '"':
      b.string(s.string(b.scratch()));
      break;
    case 't':
      s.literal("true");
      b.boolean(true);
      break;
    case 'f':
      s.literal("false");
      b.boolean(false);
      break;
    case 'n':
      s.literal("null");
      b.null();
      break;
    case '\0':
      if (s.at_end()) s.fail("unexpected end of input");
      s.fail("expected a value");
    default:
      b.number(s.number());
  }
}

/// One JSON text, whitespace around it allowed, into `b`. Throws decode_error.
template <class Builder>
void parse_document(std::string_view text, Builder& b) {
  json_scanner s{text};
  s.skip_whitespace();
  parse_value(s, b, 0);
  s.skip_whitespace();
  if (!s.at_end()) s.fail("trailing characters");
}

}  // namespace astrid::detail
