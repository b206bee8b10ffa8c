// How events cross nodes: CAF messages (wire_event, wire_batch) whose
// inspect walks every field of the event through io.hpp, in CAF's
// binary format. On the hot paths the event body bypasses CAF's virtual
// (de)serializer calls but not its format: a bus encodes an event once
// (encode_for_wire) and every batch copies those bytes, and a node reading
// from a binary_deserializer decodes the body straight from its buffer.
// Both are checked field for field against CAF's own processors.
#pragma once

#include "actors/wire/io.hpp"
#include "shared/home_shared.hpp"

#include <astrid/bus/event_ptr.hpp>

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/deserializer.hpp>
#include <caf/error.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/sec.hpp>
#include <caf/serializer.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace astrid::bus::wire {

/// True for CAF's binary (de)serializers; other inspectors only print.
template <class Inspector>
inline constexpr bool is_data_processor = std::is_base_of_v<caf::serializer, Inspector> ||
                                          std::is_base_of_v<caf::deserializer, Inspector>;

/// Encodes `ev` at the end of `sink`'s buffer when it is CAF's binary
/// serializer writing at its end (as the middleman's is), else field by
/// field through `sink`. Throws std::bad_alloc only.
inline caf::error save_event(caf::serializer& sink, astrid::event& ev) {
  if (auto* bytes = dynamic_cast<caf::binary_serializer*>(&sink);
      bytes != nullptr && bytes->write_pos() == bytes->buf().size()) {
    wire_io<byte_writer> io{bytes->buf()};
    const bool ok = io.value(ev);
    bytes->seek(bytes->buf().size());
    return ok ? caf::none : io.error();
  }
  return apply(sink, ev);
}

/// Decodes one event from the front of `source`'s buffer when it is CAF's
/// binary deserializer (then skips what was read), else field by field
/// through `source`. Throws std::bad_alloc only.
inline caf::error load_event(caf::deserializer& source, astrid::event& ev) {
  if (auto* bytes = dynamic_cast<caf::binary_deserializer*>(&source)) {
    const auto rest = bytes->remainder();
    wire_io<byte_reader> io{rest.data(), rest.size()};
    if (!io.value(ev)) return io.error();
    bytes->skip(io.consumed());
    return caf::none;
  }
  return apply(source, ev);
}

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
/// null `ev` or one that cannot be encoded (a sequence of more than 2^32
/// elements), std::bad_alloc.
wire_event encode_for_wire(event_ptr ev);

/// Bytes a message between nodes may need beyond the events it carries
/// (BASP header, message header, type names, counts). A message is built
/// to stay within bus_config::message_limit() with this much to spare.
inline constexpr std::size_t wire_envelope_bytes = 64 * 1024;

/// The bytes of `w` on the wire: its encoding when made, else 0 (not known).
inline std::size_t wire_size(const wire_event& w) noexcept {
  return w.encoded ? w.encoded->size() : 0;
}

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
      return wire::save_event(f, const_cast<astrid::event&>(*x.ev));  // reading only
    } else {
      auto ev = detail::make_home_shared<astrid::event>();
      if (auto err = wire::load_event(f, *ev)) return err;
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
