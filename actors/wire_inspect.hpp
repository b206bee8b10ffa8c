// How events cross nodes: CAF serializes them with an `inspect` GENERATED from
// the same field tables (messages/describe.hpp) the JSON codec reads, so a
// schema change reaches the wire format and the JSON codec at once. The
// adapter walks describe() with a visitor that forwards every member to
// CAF's (de)serializer: sums as (alternative index, alternative), free-form
// JSON as a tagged tree (wire_json.hpp), uuid as 16 raw bytes, timestamp as
// (seconds, nanos), floating point as its IEEE 754 bits. No type falls back
// to JSON text as a whole. Sizes read
// from the network are checked against the bytes left before anything is
// allocated for them.
#pragma once

#include "actors/wire_json.hpp"

#include <astrid/bus/event_ptr.hpp>
#include <astrid/messages/describe.hpp>

#include <caf/deserializer.hpp>
#include <caf/error.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/sec.hpp>
#include <caf/serializer.hpp>

#include <nlohmann/json.hpp>

#include <bit>
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

template <class P>
class wire_io;

/// The describe() visitor: hands every field to `io`, stops at the first error.
template <class P>
struct field_visitor {
  wire_io<P>& io;
  bool ok = true;
  template <class Name, class M, class Rule>
  void operator()(const Name&, M& member, const Rule&) {
    if (ok) ok = io.value(member);
  }
};

/// True for types with a field table.
template <class T>
concept described = requires(field_visitor<caf::serializer>& v, T& x) { describe(v, x); };

/// One (de)serialization with the CAF data processor `f`. Every step
/// answers true or false and the first error is kept in `error`: a CAF
/// error is an out-of-line object, and passing one up through every field
/// of an event cost more than the bytes themselves.
template <class P>
class wire_io {
 public:
  static constexpr bool saving = P::reads_state;

  explicit wire_io(P& f) : f_{f} {}

  /// The first error, or none.
  caf::error& error() noexcept { return err_; }
  /// The data processor (for what needs it beside the steps below).
  P& processor() noexcept { return f_; }

  /// Keeps `err` (when it is one); false then.
  bool check(caf::error&& err) {
    if (!err) return true;
    err_ = std::move(err);
    return false;
  }
  bool fail(caf::sec code) { return check(caf::make_error(code)); }

  /// A number or a string, through the processor's own apply; a floating
  /// point number as its IEEE 754 bits, since CAF 0.17 packs doubles by
  /// repeated halving: subnormals come back wrong, and an infinity never
  /// finishes.
  template <class T>
  bool primitive(T& x) {
    if constexpr (std::is_floating_point_v<T>) {
      static_assert(sizeof(T) == 8 || sizeof(T) == 4, "wire: unsupported floating point type");
      using bits_type = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
      auto bits = std::bit_cast<bits_type>(x);
      if (!check(f_.apply(bits))) return false;
      if constexpr (!saving) x = std::bit_cast<T>(bits);
      return true;
    } else {
      return check(f_.apply(x));
    }
  }
  bool raw(std::size_t n, void* data) { return check(f_.apply_raw(n, data)); }
  bool begin_sequence(std::size_t& n) { return check(f_.begin_sequence(n)); }
  bool end_sequence() { return check(f_.end_sequence()); }

  /// Loading only: false (end of stream) when fewer than `n` bytes are left.
  bool may_hold(std::size_t n) {
    return wire::may_hold(f_, n) || fail(caf::sec::end_of_stream);
  }

  /// Any schema value.
  template <class T>
  bool value(T& x);

 private:
  template <class... Ts>
  bool sum(std::variant<Ts...>& v);
  template <class T>
  bool optional(std::optional<T>& x);
  template <class T>
  bool sequence(std::vector<T>& xs);

  // Out of line: inlined into every sum, GCC 12 takes CAF's one-byte write
  // for an out-of-bounds read of the index (-Warray-bounds).
  [[gnu::noinline]] bool put_index(std::uint8_t index) { return primitive(index); }

  template <std::size_t I, class V>
  static bool load_alternative(wire_io& io, V& v) {
    return io.value(v.template emplace<I>());
  }

  P& f_;
  caf::error err_{};
};

template <class P>
template <class... Ts>
bool wire_io<P>::sum(std::variant<Ts...>& v) {
  static_assert(sizeof...(Ts) < 256);
  using V = std::variant<Ts...>;
  if constexpr (saving) {
    if (!put_index(static_cast<std::uint8_t>(v.index()))) return false;
    return std::visit([&](auto& alt) { return value(alt); }, v);
  } else {
    std::uint8_t index = 0;
    if (!primitive(index)) return false;
    // One indirect call, whatever the number of alternatives.
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      using loader = bool (*)(wire_io&, V&);
      static constexpr loader table[] = {&load_alternative<I, V>...};
      if (index >= sizeof...(I)) return fail(caf::sec::invalid_argument);  // corrupt index
      return table[index](*this, v);
    }(std::index_sequence_for<Ts...>{});
  }
}

template <class P>
template <class T>
bool wire_io<P>::optional(std::optional<T>& x) {
  bool engaged = x.has_value();
  if (!primitive(engaged)) return false;
  if (!engaged) {
    if constexpr (!saving) x.reset();
    return true;
  }
  if constexpr (!saving) x.emplace();
  return value(*x);
}

template <class P>
template <class T>
bool wire_io<P>::sequence(std::vector<T>& xs) {
  std::size_t n = xs.size();
  if (!begin_sequence(n)) return false;
  if constexpr (!saving) {
    if (!may_hold(n)) return false;
    xs.resize(n);
  }
  if constexpr (std::is_same_v<T, std::uint8_t>) {
    if (n > 0 && !raw(n, xs.data())) return false;  // a byte sequence: one raw block
  } else {
    for (auto& x : xs)
      if (!value(x)) return false;
  }
  return end_sequence();
}

template <class P>
template <class T>
bool wire_io<P>::value(T& x) {
  if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string>) {
    return primitive(x);
  } else if constexpr (std::is_enum_v<T>) {
    auto raw_value = static_cast<std::int32_t>(x);
    if (!primitive(raw_value)) return false;
    if constexpr (!saving) x = static_cast<T>(raw_value);
    return true;
  } else if constexpr (std::is_same_v<T, astrid::uuid>) {
    return raw(x.bytes.size(), x.bytes.data());
  } else if constexpr (std::is_same_v<T, astrid::timestamp>) {
    return primitive(x.seconds) && primitive(x.nanos);
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
    field_visitor<P> v{*this};
    describe(v, x);
    return v.ok;
  }
}

/// (De)serializes `x` with the CAF data processor `f`.
template <class P, class T>
caf::error apply(P& f, T& x) {
  wire_io<P> io{f};
  io.value(x);
  return std::move(io.error());
}

/// True for CAF's binary (de)serializers; other inspectors only print.
template <class Inspector>
inline constexpr bool is_data_processor = std::is_base_of_v<caf::serializer, Inspector> ||
                                          std::is_base_of_v<caf::deserializer, Inspector>;

}  // namespace astrid::bus::wire

namespace astrid::bus {

/// The CAF binary form of one event, made once and shared by every batch
/// that carries the event to another node.
using wire_bytes = std::shared_ptr<const std::vector<char>>;

/// An event that crosses nodes: shares the event locally, serializes the
/// pointee through the field tables when it must travel. With `encoded`
/// set (see encode_for_wire), serializing copies those bytes instead: they
/// are what the field-by-field serialization writes, so the receiving side
/// reads either alike.
struct wire_event {
  event_ptr ev;
  wire_bytes encoded{};
};

/// `ev` with its binary form made now. A bus sending one event to several
/// nodes encodes it once here, on its own thread, instead of once per node
/// in the middleman's single I/O thread. Throws std::invalid_argument for a
/// null `ev`, std::runtime_error if CAF's serializer fails, std::bad_alloc.
wire_event encode_for_wire(event_ptr ev);

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
      if (x.encoded) return f.apply_raw(x.encoded->size(), const_cast<char*>(x.encoded->data()));
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
