// Fuzzes the node wire readers on bytes as another node could send them.
// The first byte picks the type: 0 an event body through byte_reader (the
// path every batch takes), 1 a wire_batch, 2 a wire_route_spec and 3 a
// bus_stats through CAF's binary_deserializer (our inspect functions).
// Whatever reads must write, read back equal, and write the same bytes;
// nothing may crash or allocate for sizes the bytes cannot hold.
#include "actors/nodes/protocol.hpp"
#include "actors/wire/event.hpp"

#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace astrid::bus;

namespace {

// An event body read through byte_reader, written back through byte_writer.
void event_body(const std::uint8_t* data, std::size_t size) {
  astrid::event ev;
  wire::wire_io<wire::byte_reader> in{data, size};
  if (!in.value(ev)) return;
  std::vector<char> first;
  wire::wire_io<wire::byte_writer> out{first};
  if (!out.value(ev)) std::abort();  // what was read must be writable
  astrid::event again;
  wire::wire_io<wire::byte_reader> in2{first.data(), first.size()};
  if (!in2.value(again) || in2.consumed() != first.size()) std::abort();
  std::vector<char> second;
  wire::wire_io<wire::byte_writer> out2{second};
  if (!out2.value(again) || second != first) std::abort();
}

// A type read through CAF's deserializer, written and read back.
template <class T>
void through_caf(const std::uint8_t* data, std::size_t size) {
  T x;
  caf::binary_deserializer source{nullptr, reinterpret_cast<const char*>(data), size};
  if (source(x)) return;
  std::vector<char> first;
  caf::binary_serializer sink{nullptr, first};
  if (sink(x)) std::abort();
  T again;
  caf::binary_deserializer source2{nullptr, first};
  if (source2(again)) std::abort();
  std::vector<char> second;
  caf::binary_serializer sink2{nullptr, second};
  if (sink2(again) || second != first) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  switch (data[0] % 4) {
    case 0: event_body(data + 1, size - 1); break;
    case 1: through_caf<wire_batch>(data + 1, size - 1); break;
    case 2: through_caf<detail::wire_route_spec>(data + 1, size - 1); break;
    case 3: through_caf<bus_stats>(data + 1, size - 1); break;
  }
  return 0;
}
