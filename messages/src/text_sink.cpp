// The text sink: compact JSON exactly as serde_json writes it (escaping,
// ryu float format, sorted keys in any-JSON objects), so re-encoded
// messages are byte-identical to what the Rust reference produces.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "detail/ascii_scan.hpp"
#include "detail/json_sink.hpp"
#include "detail/utf8.hpp"

namespace astrid::detail {
namespace {

constexpr std::string_view replacement_char = "\xEF\xBF\xBD";

void append_escape(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 0x0F];
  }
}

template <class Int>
void append_integer(std::string& out, Int n) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, res.ptr);
}

void append_any(std::string& out, const nlohmann::json& j);

void append_object(std::string& out, const nlohmann::json& j) {
  out += '{';
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, it.key());
    out += ':';
    append_any(out, it.value());
  }
  out += '}';
}

void append_array(std::string& out, const nlohmann::json& j) {
  out += '[';
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (i != 0) out += ',';
    append_any(out, j[i]);
  }
  out += ']';
}

void append_any(std::string& out, const nlohmann::json& j) {
  using t = nlohmann::json::value_t;
  switch (j.type()) {
    case t::null:
      out += "null";
      break;
    case t::boolean:
      out += j.get<bool>() ? "true" : "false";
      break;
    case t::number_integer:
      append_integer(out, j.get<std::int64_t>());
      break;
    case t::number_unsigned:
      append_integer(out, j.get<std::uint64_t>());
      break;
    case t::number_float:
      append_json_f64(out, j.get<double>());
      break;
    case t::string:
      append_json_string(out, j.get_ref<const std::string&>());
      break;
    case t::object:
      append_object(out, j);
      break;
    case t::array:
      append_array(out, j);
      break;
    default:  // binary: serde has no such value; write its bytes as an array
      append_array(out, nlohmann::json(static_cast<const std::vector<std::uint8_t>&>(j.get_binary())));
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  std::size_t i = plain_ascii_prefix(s.data(), s.size());
  if (i == s.size()) {  // most strings and every schema key: nothing to escape, one write
    const auto at = out.size();
    out.resize(at + s.size() + 2);
    char* p = out.data() + at;
    *p++ = '"';
    p = std::copy(s.begin(), s.end(), p);
    *p = '"';
    return;
  }
  out += '"';
  out.append(s.data(), i);
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      append_escape(out, c);
      ++i;
    } else if (std::size_t len = utf8_sequence_length(s, i); len != 0) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out += replacement_char;
      ++i;
    }
    const std::size_t run = plain_ascii_prefix(s.data() + i, s.size() - i);
    out.append(s.data() + i, run);
    i += run;
  }
  out += '"';
}

// Lays out the shortest round-trip digits the way ryu's format64 does.
void append_json_f64(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  if (d == 0) {
    out += std::signbit(d) ? "-0.0" : "0.0";
    return;
  }
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));  // "-1.2345e+02"
  if (sci.front() == '-') {
    out += '-';
    sci.remove_prefix(1);
  }
  const std::size_t e = sci.find('e');
  std::string digits(sci.substr(0, e));
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  const int exp10 = std::atoi(std::string(sci.substr(e + 1)).c_str());
  const int length = static_cast<int>(digits.size());
  const int kk = exp10 + 1;  // 10^(kk-1) <= |d| < 10^kk
  const int k = kk - length;
  if (k >= 0 && kk <= 16) {
    out += digits;
    out.append(static_cast<std::size_t>(k), '0');
    out += ".0";
  } else if (kk > 0 && kk <= 16) {
    out.append(digits, 0, static_cast<std::size_t>(kk));
    out += '.';
    out.append(digits, static_cast<std::size_t>(kk));
  } else if (kk > -5 && kk <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-kk), '0');
    out += digits;
  } else {
    out += digits[0];
    if (length > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += 'e';
    append_integer(out, kk - 1);
  }
}

void text_sink::separate() {
  if (!out_.empty()) {
    const char last = out_.back();
    if (last != '{' && last != '[' && last != ':') out_ += ',';
  }
}

void text_sink::begin_object() {
  separate();
  out_ += '{';
}
void text_sink::key(std::string_view k) {
  separate();
  append_json_string(out_, k);
  out_ += ':';
}
void text_sink::end_object() { out_ += '}'; }
void text_sink::begin_array() {
  separate();
  out_ += '[';
}
void text_sink::end_array() { out_ += ']'; }
void text_sink::null() {
  separate();
  out_ += "null";
}
void text_sink::boolean(bool b) {
  separate();
  out_ += b ? "true" : "false";
}
void text_sink::number(std::uint64_t n) {
  separate();
  append_integer(out_, n);
}
void text_sink::number(double d) {
  separate();
  append_json_f64(out_, d);
}
void text_sink::string(std::string_view s) {
  separate();
  append_json_string(out_, s);
}
void text_sink::plain_string(std::string_view s) {
  separate();
  out_ += '"';
  out_ += s;
  out_ += '"';
}
void text_sink::value(const nlohmann::json& j) {
  separate();
  append_any(out_, j);
}

}  // namespace astrid::detail
