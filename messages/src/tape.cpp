// The tape of a JSON text (detail/tape.hpp): built by the shared scanner
// and grammar (detail/json_scanner.hpp), so it accepts and refuses exactly
// what parse_json does.
#include "detail/tape.hpp"

#include <algorithm>
#include <limits>

#include "astrid/messages/decode_error.hpp"
#include "detail/json_scanner.hpp"

namespace astrid::detail {

class tape_builder {
 public:
  explicit tape_builder(tape& t) : t_(t) {}

  std::string& scratch() noexcept { return scratch_; }

  void null() { push(tape_kind::null); }
  void boolean(bool v) { push(tape_kind::boolean).flag = v; }
  void number(const scanned_number& n) {
    switch (n.type) {
      case scanned_number::kind::u64:
        push(tape_kind::number_unsigned).u = n.u;
        break;
      case scanned_number::kind::i64:
        push(tape_kind::number_integer).i = n.i;
        break;
      case scanned_number::kind::f64:
        push(tape_kind::number_float).d = n.d;
    }
  }
  void string(std::string_view v) {
    if (!scratch_.empty()) v = t_.decoded_.emplace_back(std::move(scratch_));
    auto& token = push(tape_kind::string);
    token.chars = v.data();
    token.size = checked(v.size());
  }
  void key(std::string_view k) {
    ++t_.tokens_[open_.back()].size;
    string(k);
  }
  void begin_object() { open(tape_kind::object); }
  void begin_array() { open(tape_kind::array); }
  void element() { ++t_.tokens_[open_.back()].size; }
  void end_container() {
    t_.tokens_[open_.back()].next = checked(t_.tokens_.size());
    open_.pop_back();
  }

 private:
  static std::uint32_t checked(std::size_t n) {
    if (n > std::numeric_limits<std::uint32_t>::max())
      throw decode_error("<root>", "JSON text too large to decode (over 4 GiB)");
    return static_cast<std::uint32_t>(n);
  }

  tape_token& push(tape_kind kind) {
    const auto index = checked(t_.tokens_.size());
    auto& token = t_.tokens_.emplace_back();
    token.kind = kind;
    token.next = index + 1;
    token.u = 0;
    return token;
  }
  void open(tape_kind kind) {
    open_.push_back(checked(t_.tokens_.size()));
    push(kind);
  }

  tape& t_;
  std::vector<std::uint32_t> open_;
  std::string scratch_;
};

tape::tape(std::string_view text) {
  tokens_.reserve(std::min<std::size_t>(text.size() / 8 + 4, 4096));  // grows past that
  tape_builder b{*this};
  parse_document(text, b);
}

double tape_node::f64() const noexcept {
  switch (kind()) {
    case tape_kind::number_unsigned:
      return static_cast<double>(token().u);
    case tape_kind::number_integer:
      return static_cast<double>(token().i);
    default:
      return token().d;
  }
}

std::optional<tape_node> tape_node::find(std::string_view key) const noexcept {
  std::optional<tape_node> found;
  for_each_member([&](std::string_view k, tape_node value) {
    if (k == key) found = value;
  });
  return found;
}

std::optional<std::pair<std::string_view, tape_node>> tape_node::single_member() const noexcept {
  if (size() == 0) return std::nullopt;
  std::optional<std::pair<std::string_view, tape_node>> last;
  bool one = true;
  for_each_member([&](std::string_view k, tape_node value) {
    if (last && last->first != k) one = false;
    last.emplace(k, value);
  });
  if (!one) return std::nullopt;
  return last;
}

nlohmann::json tape_node::to_json() const {
  using json = nlohmann::json;
  switch (kind()) {
    case tape_kind::null:
      return nullptr;
    case tape_kind::boolean:
      return boolean();
    case tape_kind::number_unsigned:
      return u64();
    case tape_kind::number_integer:
      return i64();
    case tape_kind::number_float:
      return token().d;
    case tape_kind::string:
      return json::string_t(string());
    case tape_kind::array: {
      json out = json::array();
      auto& elements = out.get_ref<json::array_t&>();
      elements.reserve(size());
      for_each_element([&](tape_node e) { elements.push_back(e.to_json()); });
      return out;
    }
    case tape_kind::object: {
      json out = json::object();
      auto& members = out.get_ref<json::object_t&>();
      for_each_member(
          [&](std::string_view k, tape_node v) { members[json::string_t(k)] = v.to_json(); });
      return out;
    }
    default:  // binary, discarded: never on a tape
      break;
  }
  return nullptr;
}

}  // namespace astrid::detail
