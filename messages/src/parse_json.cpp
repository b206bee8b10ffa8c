// parse_json: JSON text to nlohmann::json, with serde_json's rules and
// limits. A small recursive-descent parser of our own, because (1) its
// recursion is bounded by max_json_depth, so a million `[` cannot exhaust
// the stack; (2) it reads numbers as serde_json does ("-0" is a float, a
// float beyond f64 is an error, underflow is 0); (3) it copies string runs
// in bulk, several times faster than nlohmann's character-by-character lexer.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "astrid/messages/codec.hpp"
#include "detail/ascii_scan.hpp"
#include "detail/utf8.hpp"

namespace astrid {
namespace {

using json = nlohmann::json;

class text_parser {
 public:
  explicit text_parser(std::string_view text) : text_(text) {}

  json document() {
    json out;
    skip_whitespace();
    value(out);
    skip_whitespace();
    if (pos_ != text_.size()) fail("trailing characters");
    return out;
  }

 private:
  [[noreturn]] void fail(std::string_view what) const {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      column = text_[i] == '\n' ? 1 : column + 1;
      line += text_[i] == '\n' ? 1 : 0;
    }
    throw decode_error("<root>", "invalid JSON at line " + std::to_string(line) + " column " +
                                     std::to_string(column) + ": " + std::string(what));
  }

  bool at_end() const noexcept { return pos_ >= text_.size(); }
  char peek() const noexcept { return at_end() ? '\0' : text_[pos_]; }

  void skip_whitespace() noexcept {
    while (!at_end()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') break;
      ++pos_;
    }
  }

  void expect(char c, std::string_view what) {
    skip_whitespace();
    if (peek() != c) fail(at_end() ? "unexpected end of input" : what);
    ++pos_;
  }

  void literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("invalid literal");
    pos_ += word.size();
  }

  void value(json& out) {
    switch (peek()) {
      case '{':
        container(out, true);
        break;
      case '[':
        container(out, false);
        break;
      case '"':
        out = json::string_t();
        string(out.get_ref<json::string_t&>());
        break;
      case 't':
        literal("true");
        out = true;
        break;
      case 'f':
        literal("false");
        out = false;
        break;
      case 'n':
        literal("null");
        out = nullptr;
        break;
      case '\0':
        if (at_end()) fail("unexpected end of input");
        fail("expected a value");
      default:
        number(out);
    }
  }

  void container(json& out, bool is_object) {
    if (++depth_ > max_json_depth) {
      fail("nesting deeper than " + std::to_string(max_json_depth) + " arrays/objects");
    }
    ++pos_;
    out = is_object ? json::object() : json::array();
    skip_whitespace();
    const char close = is_object ? '}' : ']';
    if (peek() == close) {
      ++pos_;
    } else {
      do {
        skip_whitespace();
        is_object ? member(out) : element(out);
        skip_whitespace();
        if (peek() != ',' && peek() != close) {
          fail(at_end() ? "unexpected end of input" : "expected ',' or a closing bracket");
        }
      } while (text_[pos_++] == ',');
    }
    --depth_;
  }

  void member(json& object) {
    if (peek() != '"') fail(at_end() ? "unexpected end of input" : "expected a string key");
    std::string key;
    string(key);
    expect(':', "expected ':'");
    skip_whitespace();
    value(object.get_ref<json::object_t&>()[std::move(key)]);
  }

  void element(json& array) {
    auto& elements = array.get_ref<json::array_t&>();
    value(elements.emplace_back());
  }

  void string(std::string& out);
  void escape(std::string& out);
  unsigned hex4();
  void number(json& out);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
};

void text_parser::string(std::string& out) {
  ++pos_;  // opening quote
  for (;;) {
    const std::size_t run = detail::plain_ascii_prefix(text_.data() + pos_, text_.size() - pos_);
    out.append(text_.data() + pos_, run);
    pos_ += run;
    if (at_end()) fail("unterminated string");
    const auto c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      return;
    }
    if (c == '\\') {
      escape(out);
    } else if (c < 0x20) {
      fail("control character in string");
    } else if (const std::size_t len = detail::utf8_sequence_length(text_, pos_); len != 0) {
      out.append(text_.data() + pos_, len);
      pos_ += len;
    } else {
      fail("invalid UTF-8");
    }
  }
}

unsigned text_parser::hex4() {
  unsigned value = 0;
  for (int i = 0; i < 4; ++i, ++pos_) {
    const char c = peek();
    value <<= 4;
    if (c >= '0' && c <= '9')
      value |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f')
      value |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      value |= static_cast<unsigned>(c - 'A' + 10);
    else
      fail("invalid \\u escape");
  }
  return value;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void text_parser::escape(std::string& out) {
  ++pos_;  // backslash
  const char c = peek();
  ++pos_;
  switch (c) {
    case '"':
      out += '"';
      return;
    case '\\':
      out += '\\';
      return;
    case '/':
      out += '/';
      return;
    case 'b':
      out += '\b';
      return;
    case 'f':
      out += '\f';
      return;
    case 'n':
      out += '\n';
      return;
    case 'r':
      out += '\r';
      return;
    case 't':
      out += '\t';
      return;
    case 'u':
      break;
    default:
      --pos_;
      fail("invalid escape");
  }
  unsigned cp = hex4();
  if (cp >= 0xDC00 && cp <= 0xDFFF) fail("lone trailing surrogate in \\u escape");
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    if (text_.substr(pos_, 2) != "\\u") fail("lone leading surrogate in \\u escape");
    pos_ += 2;
    const unsigned low = hex4();
    if (low < 0xDC00 || low > 0xDFFF) fail("invalid surrogate pair in \\u escape");
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  }
  append_utf8(out, cp);
}

// JSON number grammar, then serde_json's typing: integers as u64 / i64,
// "-0", fractions, exponents and out-of-range integers as f64.
void text_parser::number(json& out) {
  const std::size_t start = pos_;
  auto digits = [&] {
    const std::size_t from = pos_;
    while (!at_end() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    return pos_ - from;
  };
  const bool negative = peek() == '-';
  if (negative) ++pos_;
  if (peek() == '0') {
    ++pos_;
  } else if (digits() == 0) {
    fail("expected a value");
  }
  bool integral = true;
  if (peek() == '.') {
    ++pos_;
    integral = false;
    if (digits() == 0) fail("expected a digit after '.'");
  }
  if (peek() == 'e' || peek() == 'E') {
    ++pos_;
    integral = false;
    if (peek() == '+' || peek() == '-') ++pos_;
    if (digits() == 0) fail("expected a digit in the exponent");
  }
  const char* first = text_.data() + start;
  const char* last = text_.data() + pos_;
  if (integral && !(negative && pos_ - start == 2 && first[1] == '0')) {
    if (negative) {
      std::int64_t v = 0;
      if (std::from_chars(first, last, v).ec == std::errc{}) {
        out = v;
        return;
      }
    } else {
      std::uint64_t v = 0;
      if (std::from_chars(first, last, v).ec == std::errc{}) {
        out = v;
        return;
      }
    }
  }
  double d = 0;
  if (std::from_chars(first, last, d).ec != std::errc{}) {
    d = std::strtod(std::string(first, last).c_str(), nullptr);  // underflow -> 0, overflow -> inf
  }
  if (!std::isfinite(d)) fail("number out of range");
  out = d;
}

}  // namespace

nlohmann::json parse_json(std::string_view text) { return text_parser(text).document(); }

namespace detail {

// nlohmann's destructor moves the children of every container onto a
// heap-allocated stack before freeing them, so that no tree can overflow
// the call stack. A tree from parse_json is at most max_json_depth deep, so
// it can be emptied recursively instead: each container is cleared once its
// children are empty, and empty containers free without that stack.
void release_parsed(nlohmann::json& j) noexcept {
  if (j.is_object()) {
    auto& members = *j.get_ptr<json::object_t*>();
    for (auto& member : members) release_parsed(member.second);
    members.clear();
  } else if (j.is_array()) {
    auto& elements = *j.get_ptr<json::array_t*>();
    for (auto& element : elements) release_parsed(element);
    elements.clear();
  }
}

}  // namespace detail

}  // namespace astrid
