// encode_for_wire (see event.hpp): an event's binary form in CAF's
// format, written by the byte_writer channel.
#include "actors/wire/event.hpp"

#include <stdexcept>

namespace astrid::bus {

wire_event encode_for_wire(event_ptr ev) {
  if (!ev) throw std::invalid_argument{"astrid::bus: cannot encode a null event for the wire"};
  auto bytes = std::make_shared<std::vector<char>>();
  bytes->reserve(256);
  wire::wire_io<wire::byte_writer> io{*bytes};
  if (!io.value(const_cast<astrid::event&>(*ev)))  // reading only
    throw std::invalid_argument{"astrid::bus: cannot encode an event for the wire: " +
                                caf::to_string(io.error())};
  return wire_event{std::move(ev), std::move(bytes)};
}

}  // namespace astrid::bus
