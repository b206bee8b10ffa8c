// The DOM sink: builds the nlohmann::json value returned by encode().
#include "detail/json_sink.hpp"

namespace astrid::detail {

nlohmann::json& dom_sink::slot() {
  if (stack_.empty()) return root_;
  nlohmann::json& top = *stack_.back();
  if (top.is_array()) {
    top.push_back(nullptr);
    return top.back();
  }
  return top[pending_key_];
}

void dom_sink::begin_object() {
  nlohmann::json& s = slot();
  s = nlohmann::json::object();
  stack_.push_back(&s);
}
void dom_sink::key(std::string_view k) { pending_key_.assign(k); }
void dom_sink::end_object() { stack_.pop_back(); }
void dom_sink::begin_array() {
  nlohmann::json& s = slot();
  s = nlohmann::json::array();
  stack_.push_back(&s);
}
void dom_sink::end_array() { stack_.pop_back(); }
void dom_sink::null() { slot() = nullptr; }
void dom_sink::boolean(bool b) { slot() = b; }
void dom_sink::number(std::uint64_t n) { slot() = n; }
void dom_sink::number(double d) { slot() = d; }
void dom_sink::string(std::string_view s) { slot() = std::string(s); }
void dom_sink::value(const nlohmann::json& j) { slot() = j; }

}  // namespace astrid::detail
