// astrid::tagged_union: the base of every schema sum type (IPC payloads,
// stream events, kernel requests...). It is a std::variant plus the facts the
// codec needs to write it the way serde does (which enum representation, which
// keys), so each sum type is declared once and the codec handles it generically.
#pragma once

#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace astrid {

/// serde's enum representations used by the wire format.
enum class tag_style {
  internal,  ///< `{"type": "tag", ...fields}`
  external,  ///< `{"Tag": content}`, or `"Tag"` for a unit alternative
  adjacent,  ///< `{"method": "Tag", "params": content}`
};

/// A sum type whose alternatives `Ts` each declare `static constexpr
/// std::string_view tag`. Alternatives without content in external or
/// adjacent style declare `static constexpr bool is_unit = true`.
template <class... Ts>
struct tagged_union {
  /// The underlying variant type.
  using variant_type = std::variant<Ts...>;

  /// The alternative held.
  variant_type value{};

  /// Holds a default-constructed first alternative.
  tagged_union() = default;

  /// Implicit conversion from any alternative, so
  /// `ipc_payload p = payloads::user_input{"hi"};` works.
  template <class T>
    requires(std::is_same_v<std::remove_cvref_t<T>, Ts> || ...)
  tagged_union(T&& alt) : value(std::forward<T>(alt)) {}  // NOLINT(google-explicit-constructor)

  /// The alternative of type T, or nullptr.
  template <class T>
  T* get_if() noexcept { return std::get_if<T>(&value); }
  /// The alternative of type T, or nullptr.
  template <class T>
  const T* get_if() const noexcept { return std::get_if<T>(&value); }

  /// The tag of the held alternative, as written on the wire.
  std::string_view tag() const noexcept {
    return std::visit([](const auto& alt) { return std::remove_cvref_t<decltype(alt)>::tag; }, value);
  }

  /// Alternative-wise equality.
  friend bool operator==(const tagged_union&, const tagged_union&) = default;
};

}  // namespace astrid
