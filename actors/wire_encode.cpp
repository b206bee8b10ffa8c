// encode_for_wire (see wire_inspect.hpp): an event's CAF binary form, made
// with the very serializer the middleman uses for messages between nodes.
#include "actors/wire_inspect.hpp"

#include <caf/binary_serializer.hpp>

#include <stdexcept>

namespace astrid::bus {

wire_event encode_for_wire(event_ptr ev) {
  if (!ev) throw std::invalid_argument{"astrid::bus: cannot encode a null event for the wire"};
  auto bytes = std::make_shared<std::vector<char>>();
  bytes->reserve(256);
  caf::binary_serializer impl{static_cast<caf::execution_unit*>(nullptr), *bytes};
  // Through the base class, as the middleman serializes messages: the same
  // code path, hence the same bytes.
  caf::serializer& sink = impl;
  if (auto err = wire::apply(sink, const_cast<astrid::event&>(*ev)))  // reading only
    throw std::runtime_error{"astrid::bus: cannot encode an event for the wire (error code " +
                             std::to_string(err.code()) + ")"};
  return wire_event{std::move(ev), std::move(bytes)};
}

}  // namespace astrid::bus
