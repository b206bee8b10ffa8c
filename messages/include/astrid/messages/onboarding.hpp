// Onboarding schemas: how a capsule asks the user for configuration values
// (API keys, choices) through the CLI. Carried by the onboarding_required,
// selection_required and elicit_request IPC payloads.
#pragma once

#include "astrid/messages/tagged.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace astrid {

/// Alternatives of onboarding_field_type (JSON names in PascalCase).
namespace field_types {
/// Free text: `"Text"`.
struct text {
  static constexpr std::string_view tag = "Text";
  static constexpr bool is_unit = true;
  friend bool operator==(const text&, const text&) = default;
};
/// A secret, echoed as dots: `"Secret"`.
struct secret {
  static constexpr std::string_view tag = "Secret";
  static constexpr bool is_unit = true;
  friend bool operator==(const secret&, const secret&) = default;
};
/// One of a fixed list: `{"Enum": ["a", "b"]}`.
struct enumeration {
  static constexpr std::string_view tag = "Enum";
  std::vector<std::string> options{};
  friend bool operator==(const enumeration&, const enumeration&) = default;
};
/// A list of strings: `"Array"`.
struct array {
  static constexpr std::string_view tag = "Array";
  static constexpr bool is_unit = true;
  friend bool operator==(const array&, const array&) = default;
};
}  // namespace field_types

/// OnboardingFieldType: externally tagged (`"Text"`, `{"Enum":[...]}`).
struct onboarding_field_type
    : tagged_union<field_types::text, field_types::secret, field_types::enumeration,
                   field_types::array> {
  using tagged_union::tagged_union;
  static constexpr tag_style style = tag_style::external;
};

/// OnboardingField: one value a capsule needs from the user.
struct onboarding_field {
  std::string key{};                          ///< req
  std::string prompt{};                       ///< req
  std::optional<std::string> description{};   ///< opt-omit
  onboarding_field_type field_type{};         ///< req
  std::optional<std::string> default_value{}; ///< JSON name "default"; opt-omit
  std::optional<std::string> placeholder{};   ///< opt-omit
  friend bool operator==(const onboarding_field&, const onboarding_field&) = default;
};

/// SelectionOption: one entry of a selection_required list.
struct selection_option {
  std::string id{};                          ///< req
  std::string label{};                       ///< req
  std::optional<std::string> description{};  ///< opt-omit
  friend bool operator==(const selection_option&, const selection_option&) = default;
};

}  // namespace astrid
