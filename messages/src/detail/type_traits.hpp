// Internal: compile-time classification of schema types for the generic
// reader and writer (described struct, tagged union, named enum) and the tag
// tables of sum types, so variant dispatch is a table lookup, not a chain of
// 58 string comparisons.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "astrid/messages/describe.hpp"
#include "astrid/messages/tagged.hpp"

namespace astrid::detail {

/// A visitor that accepts any field; used to detect described types.
struct describe_probe {
  template <class M, class R>
  void operator()(std::string_view, M&, R) {}
};

/// T has a field table (describe(f, T&) exists).
template <class T>
concept described = requires(describe_probe& p, T& x) {
  describe(p, x);
};

/// T is a tagged_union-based sum type.
template <class T>
concept tagged = requires {
  T::style;
  typename T::variant_type;
};

/// E is an enumeration with wire names.
template <class E>
concept named_enum = std::is_enum_v<E> && requires {
  enum_names<E>::values;
};

/// An alternative without content (written as a bare tag).
template <class A>
constexpr bool is_unit_v = requires {
  requires A::is_unit;
};

/// Tags of a std::variant whose alternatives declare `tag`, with lookup.
template <class V>
struct variant_tags {
  static constexpr std::size_t size = std::variant_size_v<V>;

  template <std::size_t... I>
  static constexpr std::array<std::string_view, size> make(std::index_sequence<I...>) {
    return {std::variant_alternative_t<I, V>::tag...};
  }
  /// Tag of alternative i.
  static constexpr std::array<std::string_view, size> by_index =
      make(std::make_index_sequence<size>{});

  /// (tag, index) sorted by tag, for binary search.
  static constexpr auto sorted = [] {
    std::array<std::pair<std::string_view, std::size_t>, size> a{};
    for (std::size_t i = 0; i < size; ++i) a[i] = {by_index[i], i};
    std::sort(a.begin(), a.end());
    return a;
  }();

  /// Index of the alternative tagged `tag`, or nullopt.
  static std::optional<std::size_t> find(std::string_view tag) noexcept {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), tag,
                               [](const auto& e, std::string_view t) { return e.first < t; });
    if (it != sorted.end() && it->first == tag) return it->second;
    return std::nullopt;
  }
};

}  // namespace astrid::detail
