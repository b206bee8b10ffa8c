// The walk that turns schema values into CAF's binary format and back,
// GENERATED from the same field tables (messages/describe.hpp) the JSON
// codec reads, so a schema change reaches the wire and the JSON codec at
// once. Every member goes to a channel (channels.hpp): sums as
// (alternative index, alternative), optionals as (engaged, value), vectors
// as (size, elements) with byte vectors as one raw block, enums as int32
// (a value without an enumerator is refused), uuid as 16 raw bytes,
// timestamp as (seconds, nanos), free-form JSON as a tagged tree
// (json.hpp). No type falls back to JSON text as a whole.
// Sizes read from the network are checked against the bytes left before
// anything is allocated for them. Every step answers true or false and the
// channel keeps the first error: a CAF error is an out-of-line object, and
// passing one up through every field of an event cost more than the bytes.
#pragma once

#include "actors/wire/channels.hpp"
#include "actors/wire/json.hpp"

#include <astrid/messages/describe.hpp>

#include <caf/deserializer.hpp>
#include <caf/error.hpp>
#include <caf/serializer.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
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

template <class Channel>
class wire_io;

/// The describe() visitor: hands every field to `io`, stops at the first error.
template <class Channel>
struct field_visitor {
  wire_io<Channel>& io;
  bool ok = true;
  template <class Name, class M, class Rule>
  void operator()(const Name&, M& member, const Rule&) {
    if (ok) ok = io.value(member);
  }
};

/// True for types with a field table.
template <class T>
concept described = requires(field_visitor<byte_writer>& v, T& x) { describe(v, x); };

/// One walk over a value through `Channel` (saving or loading, as the
/// channel is).
template <class Channel>
class wire_io : public Channel {
 public:
  using Channel::Channel;
  using Channel::saving;

  /// Any schema value.
  template <class T>
  bool value(T& x) {
    if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string>) {
      return this->primitive(x);
    } else if constexpr (std::is_enum_v<T>) {
      auto raw_value = static_cast<std::int32_t>(x);
      if (!this->primitive(raw_value)) return false;
      if constexpr (!saving) {
        // No enumerator of this build: corrupt bytes, never a value to
        // carry on (the JSON writer looks its name up by it).
        if (raw_value < 0 ||
            static_cast<std::size_t>(raw_value) >= astrid::enum_names<T>::values.size())
          return this->fail(caf::sec::invalid_argument);
        x = static_cast<T>(raw_value);
      }
      return true;
    } else if constexpr (std::is_same_v<T, astrid::uuid>) {
      return this->raw(x.bytes.size(), x.bytes.data());
    } else if constexpr (std::is_same_v<T, astrid::timestamp>) {
      return this->primitive(x.seconds) && this->primitive(x.nanos);
    } else if constexpr (std::is_same_v<T, nlohmann::json>) {
      if constexpr (saving)
        return save_json(*this, x, 0);
      else
        return load_json(*this, x, 0);
    } else if constexpr (is_optional<T>::value) {
      return optional(x);
    } else if constexpr (is_vector<T>::value) {
      return sequence(x);
    } else if constexpr (is_variant<T>::value) {
      return sum(x);
    } else if constexpr (tagged<T>) {
      return sum(x.value);
    } else if constexpr (std::is_same_v<T, astrid::event>) {
      return value(x.metadata) && value(x.data);
    } else {
      static_assert(described<T>, "wire: no field table (describe) for this type");
      field_visitor<Channel> v{*this};
      describe(v, x);
      return v.ok;
    }
  }

 private:
  template <class... Ts>
  bool sum(std::variant<Ts...>& v) {
    static_assert(sizeof...(Ts) < 256);
    if constexpr (saving) {
      if (!put_index(static_cast<std::uint8_t>(v.index()))) return false;
      return std::visit([&](auto& alt) { return value(alt); }, v);
    } else {
      std::uint8_t index = 0;
      if (!this->primitive(index)) return false;
      // One indirect call, whatever the number of alternatives.
      return [&]<std::size_t... I>(std::index_sequence<I...>) {
        using V = std::variant<Ts...>;
        using loader = bool (*)(wire_io&, V&);
        static constexpr loader table[] = {&load_alternative<I, V>...};
        if (index >= sizeof...(I)) return this->fail(caf::sec::invalid_argument);  // corrupt
        return table[index](*this, v);
      }(std::index_sequence_for<Ts...>{});
    }
  }

  template <class T>
  bool optional(std::optional<T>& x) {
    bool engaged = x.has_value();
    if (!this->primitive(engaged)) return false;
    if (!engaged) {
      if constexpr (!saving) x.reset();
      return true;
    }
    if constexpr (!saving) x.emplace();
    return value(*x);
  }

  template <class T>
  bool sequence(std::vector<T>& xs) {
    std::size_t n = xs.size();
    if (!this->begin_sequence(n)) return false;
    if constexpr (!saving) {
      if (!this->may_hold(n)) return false;
      xs.resize(n);
    }
    if constexpr (std::is_same_v<T, std::uint8_t>) {
      if (n > 0 && !this->raw(n, xs.data())) return false;  // a byte sequence: one raw block
    } else {
      for (auto& x : xs)
        if (!value(x)) return false;
    }
    return this->end_sequence();
  }

  // Out of line: inlined into every sum, GCC 12 takes CAF's one-byte write
  // for an out-of-bounds read of the index (-Warray-bounds).
  [[gnu::noinline]] bool put_index(std::uint8_t index) { return this->primitive(index); }

  template <std::size_t I, class V>
  static bool load_alternative(wire_io& io, V& v) {
    return io.value(v.template emplace<I>());
  }
};

/// (De)serializes `x` with the CAF data processor `f`, field by field.
template <class P, class T>
caf::error apply(P& f, T& x) {
  wire_io<caf_channel<P>> io{f};
  io.value(x);
  return std::move(io.error());
}

}  // namespace astrid::bus::wire
