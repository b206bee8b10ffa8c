// Sample values built by walking the field tables (describe.hpp), so
// "every variant" tests and the codec benchmark cannot miss a kind or a
// field. Shared by tests/messages and bench/bench_codec.cpp.
#pragma once

#include <astrid/messages.hpp>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace astrid::test {

using json = nlohmann::json;

/// Fills a value with non-default sample data. `full` engages every
/// optional and fills every container; otherwise optionals stay empty and
/// containers empty (the minimal form). `pick` chooses union alternatives.
struct sampler {
  bool full = true;
  std::size_t pick = 0;

  template <class M, class R>
  void operator()(std::string_view name, M& m, R) {
    fill(m, name);
  }

  void fill(std::string& s, std::string_view name) { s = "s-" + std::string(name) + " ✓ \"q\""; }
  void fill(bool& b, std::string_view) { b = true; }
  void fill(std::uint8_t& n, std::string_view) { n = 255; }
  void fill(std::uint32_t& n, std::string_view) { n = 4294967295u; }
  void fill(std::uint64_t& n, std::string_view) { n = 18446744073709551615ull; }
  void fill(double& d, std::string_view) { d = 12.5; }
  void fill(uuid& u, std::string_view) { u = *uuid::parse("6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6"); }
  void fill(timestamp& t, std::string_view) { t = {1741064767, 123456789}; }
  void fill(json& j, std::string_view) { j = json{{"k", json::array({1, "v", 2.5, nullptr})}}; }
  void fill(llm::message_content& c, std::string_view name) {
    switch (pick % 4) {
      case 0:
        c = std::string("hello");
        break;
      case 1:
        c = std::vector<llm::tool_call>{{"c1", "tool", json{{"a", 1}}}};
        break;
      case 2:
        c = llm::tool_call_result{"c1", "out", true};
        break;
      default:
        c = std::vector<llm::content_part>{llm::text_part{"t"},
                                           llm::image_part{"aGk=", "image/png"}};
    }
    (void)name;
  }
  template <class T>
  void fill(std::optional<T>& o, std::string_view name) {
    if (full) fill(o.emplace(), name);
  }
  template <class T>
  void fill(std::vector<T>& v, std::string_view name) {
    v.clear();
    if (full) fill(v.emplace_back(), name);
  }
  template <class E>
  requires std::is_enum_v<E>
  void fill(E& e, std::string_view) { e = static_cast<E>(enum_names<E>::values.size() - 1); }
  template <class U>
  requires requires { typename U::variant_type; }
  void fill(U& u, std::string_view) {
    fill_alternative(u, pick % std::variant_size_v<typename U::variant_type>);
  }
  template <class T>
  requires requires(sampler& s, T& x) { describe(s, x); }
  void fill(T& x, std::string_view) { describe(*this, x); }

  /// Sets alternative `index` of a tagged union and fills it.
  template <class U>
  void fill_alternative(U& u, std::size_t index) {
    set_alternative(u.value, index,
                    std::make_index_sequence<std::variant_size_v<typename U::variant_type>>{});
  }
  template <class V, std::size_t... I>
  void set_alternative(V& v, std::size_t index, std::index_sequence<I...>) {
    ((I == index ? (void)describe(*this, v.template emplace<I>()) : (void)0), ...);
  }
};

/// Alternative `index` of a union (or event_data) filled by a sampler.
template <class V>
V sample_variant(std::size_t index, bool full) {
  V v{};
  sampler s{full, index};
  s.set_alternative(v, index, std::make_index_sequence<std::variant_size_v<V>>{});
  return v;
}

}  // namespace astrid::test
