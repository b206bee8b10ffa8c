// How events cross nodes: CAF serializes them with an `inspect` GENERATED from
// the same field tables (messages/describe.hpp) the JSON codec reads, so a
// schema change reaches the wire format and the JSON codec at once. The
// adapter walks describe() with a visitor that forwards every member to
// CAF's (de)serializer: sums as (alternative index, alternative), free-form
// JSON as its compact text, uuid as 16 raw bytes, timestamp as (seconds,
// nanos). No type falls back to JSON text as a whole.
#pragma once

#include <astrid/bus/event_ptr.hpp>
#include <astrid/messages/describe.hpp>

#include <caf/deserializer.hpp>
#include <caf/error.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/sec.hpp>
#include <caf/serializer.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace astrid::bus::wire {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_variant : std::false_type {};
template <class... Ts>
struct is_variant<std::variant<Ts...>> : std::true_type {};

/// Sum types of the schemas (tagged_union): a variant in `value`.
template <class T>
concept tagged = requires(T& x) {
  typename T::variant_type;
  x.value;
};

/// (De)serializes `x` with the CAF data processor `f`.
template <class P, class T>
caf::error apply(P& f, T& x);

/// The describe() visitor: forwards every field to `apply`, stops at the first error.
template <class P>
struct field_visitor {
  P& f;
  caf::error err{};
  template <class Name, class M, class Rule>
  void operator()(const Name&, M& member, const Rule&) {
    if (!err) err = apply(f, member);
  }
};

/// True for types with a field table.
template <class T>
concept described = requires(field_visitor<caf::serializer>& v, T& x) { describe(v, x); };

template <std::size_t I, class P, class... Ts>
caf::error load_alternative(P& f, std::variant<Ts...>& v, std::uint8_t index) {
  if constexpr (I < sizeof...(Ts)) {
    if (index != I) return load_alternative<I + 1>(f, v, index);
    auto& alt = v.template emplace<I>();
    return apply(f, alt);
  } else {
    return caf::sec::invalid_argument;  // corrupt alternative index
  }
}

template <class P, class... Ts>
caf::error apply_variant(P& f, std::variant<Ts...>& v) {
  static_assert(sizeof...(Ts) < 256);
  auto index = static_cast<std::uint8_t>(v.index());
  if (auto err = f(index)) return err;
  if constexpr (P::reads_state)
    return std::visit([&](auto& alt) { return apply(f, alt); }, v);
  else
    return load_alternative<0>(f, v, index);
}

template <class P, class T>
caf::error apply_optional(P& f, std::optional<T>& x) {
  bool engaged = x.has_value();
  if (auto err = f(engaged)) return err;
  if (!engaged) {
    if constexpr (!P::reads_state) x.reset();
    return caf::none;
  }
  if constexpr (!P::reads_state) x.emplace();
  return apply(f, *x);
}

template <class P, class T>
caf::error apply_vector(P& f, std::vector<T>& xs) {
  if constexpr (std::is_same_v<T, std::uint8_t>) {
    return f(xs);  // a byte sequence: one raw block
  } else {
    std::size_t n = xs.size();
    if (auto err = f.begin_sequence(n)) return err;
    if constexpr (!P::reads_state) xs.resize(n);
    for (auto& x : xs)
      if (auto err = apply(f, x)) return err;
    return f.end_sequence();
  }
}

template <class P>
caf::error apply_json(P& f, nlohmann::json& x) {
  std::string text;
  if constexpr (P::reads_state) text = x.dump();
  if (auto err = f(text)) return err;
  if constexpr (!P::reads_state) {
    x = nlohmann::json::parse(text, nullptr, false);
    if (x.is_discarded()) return caf::sec::invalid_argument;
  }
  return caf::none;
}

template <class P, class T>
caf::error apply(P& f, T& x) {
  if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string>) {
    return f(x);
  } else if constexpr (std::is_enum_v<T>) {
    auto raw = static_cast<std::int32_t>(x);
    if (auto err = f(raw)) return err;
    if constexpr (!P::reads_state) x = static_cast<T>(raw);
    return caf::none;
  } else if constexpr (std::is_same_v<T, astrid::uuid>) {
    return f.apply_raw(x.bytes.size(), x.bytes.data());
  } else if constexpr (std::is_same_v<T, astrid::timestamp>) {
    return f(x.seconds, x.nanos);
  } else if constexpr (std::is_same_v<T, nlohmann::json>) {
    return apply_json(f, x);
  } else if constexpr (is_optional<T>::value) {
    return apply_optional(f, x);
  } else if constexpr (is_vector<T>::value) {
    return apply_vector(f, x);
  } else if constexpr (is_variant<T>::value) {
    return apply_variant(f, x);
  } else if constexpr (tagged<T>) {
    return apply_variant(f, x.value);
  } else if constexpr (std::is_same_v<T, astrid::event>) {
    if (auto err = apply(f, x.metadata)) return err;
    return apply(f, x.data);
  } else {
    static_assert(described<T>, "wire: no field table (describe) for this type");
    field_visitor<P> v{f};
    describe(v, x);
    return std::move(v.err);
  }
}

/// True for CAF's binary (de)serializers; other inspectors only print.
template <class Inspector>
inline constexpr bool is_data_processor = std::is_base_of_v<caf::serializer, Inspector> ||
                                          std::is_base_of_v<caf::deserializer, Inspector>;

}  // namespace astrid::bus::wire

namespace astrid::bus {

/// An event that crosses nodes: shares the event locally, serializes the
/// pointee through the field tables when it must travel.
struct wire_event {
  event_ptr ev;
};

/// event_batch for another node: the events for one remote subscriber and
/// the losses (counted on the owning bus) just before them.
struct wire_batch {
  std::vector<wire_event> events;
  std::uint64_t lagged = 0;
};

/// CAF inspection of wire_event: the event's fields, from describe().
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, wire_event& x) {
  if constexpr (wire::is_data_processor<Inspector>) {
    if constexpr (Inspector::reads_state) {
      if (!x.ev) return caf::sec::invalid_argument;
      return wire::apply(f, const_cast<astrid::event&>(*x.ev));  // reading only
    } else {
      auto ev = std::make_shared<astrid::event>();
      if (auto err = wire::apply(f, *ev)) return err;
      x.ev = std::move(ev);
      return caf::none;
    }
  } else {
    std::string type{x.ev ? astrid::event_type(*x.ev) : std::string_view{"null"}};
    return f(caf::meta::type_name("wire_event"), type);
  }
}

/// CAF inspection of wire_batch.
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, wire_batch& x) {
  return f(caf::meta::type_name("wire_batch"), x.events, x.lagged);
}

}  // namespace astrid::bus
