// parse_json: JSON text to nlohmann::json, with serde_json's rules and
// limits, and the scanner every JSON tree of ours is read with
// (detail/json_scanner.hpp). A small recursive-descent parser of our own,
// because (1) its recursion is bounded by max_json_depth, so a million `[`
// cannot exhaust the stack; (2) it reads numbers as serde_json does ("-0" is
// a float, a float beyond f64 is an error, underflow is 0); (3) it copies
// string runs in bulk, several times faster than nlohmann's
// character-by-character lexer.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "astrid/messages/codec.hpp"
#include "detail/ascii_scan.hpp"
#include "detail/json_scanner.hpp"
#include "detail/utf8.hpp"

namespace astrid {
namespace detail {

void json_scanner::fail(std::string_view what) const {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
    column = text_[i] == '\n' ? 1 : column + 1;
    line += text_[i] == '\n' ? 1 : 0;
  }
  throw decode_error("<root>", "invalid JSON at line " + std::to_string(line) + " column " +
                                   std::to_string(column) + ": " + std::string(what));
}

void json_scanner::expect(char c, std::string_view what) {
  skip_whitespace();
  if (peek() != c) fail(at_end() ? "unexpected end of input" : what);
  ++pos_;
}

void json_scanner::literal(std::string_view word) {
  if (text_.substr(pos_, word.size()) != word) fail("invalid literal");
  pos_ += word.size();
}

std::string_view json_scanner::string(std::string& scratch) {
  scratch.clear();
  const std::size_t start = ++pos_;  // past the opening quote
  bool decoded = false;              // an escape came: the string is built in scratch
  for (;;) {
    const std::size_t run = plain_ascii_prefix(text_.data() + pos_, text_.size() - pos_);
    if (decoded) scratch.append(text_.data() + pos_, run);
    pos_ += run;
    if (at_end()) fail("unterminated string");
    const auto c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') {
      ++pos_;
      if (decoded) return scratch;
      return text_.substr(start, pos_ - 1 - start);
    }
    if (c == '\\') {
      if (!decoded) scratch.assign(text_.data() + start, pos_ - start);
      decoded = true;
      escape(scratch);
    } else if (c < 0x20) {
      fail("control character in string");
    } else if (const std::size_t len = utf8_sequence_length(text_, pos_); len != 0) {
      if (decoded) scratch.append(text_.data() + pos_, len);
      pos_ += len;
    } else {
      fail("invalid UTF-8");
    }
  }
}

unsigned json_scanner::hex4() {
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

namespace {

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

}  // namespace

void json_scanner::escape(std::string& out) {
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
scanned_number json_scanner::number() {
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
      if (std::from_chars(first, last, v).ec == std::errc{})
        return {scanned_number::kind::i64, 0, v, 0};
    } else {
      std::uint64_t v = 0;
      if (std::from_chars(first, last, v).ec == std::errc{})
        return {scanned_number::kind::u64, v, 0, 0};
    }
  }
  double d = 0;
  if (std::from_chars(first, last, d).ec != std::errc{}) {
    d = std::strtod(std::string(first, last).c_str(), nullptr);  // underflow -> 0, overflow -> inf
  }
  if (!std::isfinite(d)) fail("number out of range");
  return {scanned_number::kind::f64, 0, 0, d};
}

namespace {

using json = nlohmann::json;

// Builds the nlohmann tree: `slot_` is where the next value goes, `open_`
// the containers being filled. A duplicate key overwrites: the last wins.
class dom_builder {
 public:
  json& result() noexcept { return root_; }
  std::string& scratch() noexcept { return scratch_; }

  void null() { *slot_ = nullptr; }
  void boolean(bool v) { *slot_ = v; }
  void number(const scanned_number& n) {
    switch (n.type) {
      case scanned_number::kind::u64:
        *slot_ = n.u;
        break;
      case scanned_number::kind::i64:
        *slot_ = n.i;
        break;
      case scanned_number::kind::f64:
        *slot_ = n.d;
    }
  }
  void string(std::string_view v) {
    if (!scratch_.empty())
      *slot_ = std::move(scratch_);
    else
      *slot_ = json::string_t(v);
  }
  void begin_object() { open(json::object()); }
  void begin_array() { open(json::array()); }
  void key(std::string_view k) {
    auto& members = open_.back()->get_ref<json::object_t&>();
    slot_ = !scratch_.empty() ? &members[std::move(scratch_)] : &members[json::string_t(k)];
  }
  void element() { slot_ = &open_.back()->get_ref<json::array_t&>().emplace_back(); }
  void end_container() { open_.pop_back(); }

 private:
  void open(json&& empty) {
    *slot_ = std::move(empty);
    open_.push_back(slot_);
  }

  json root_;
  json* slot_ = &root_;
  std::vector<json*> open_;
  std::string scratch_;
};

}  // namespace
}  // namespace detail

nlohmann::json parse_json(std::string_view text) {
  detail::dom_builder b;
  detail::parse_document(text, b);
  return std::move(b.result());
}

}  // namespace astrid
