// One plain TCP connection between nodes, as the BASP broker sees it (a CAF
// scribe), made by guarded_link.cpp for every connection it opens or
// accepts. CAF's own scribe reads exactly what the broker asks for (a
// 32-byte header, then the body it announces) and writes by waiting for the
// multiplexer to report the socket writable. That costs a message about
// seven system calls on each side, and CAF 0.17.6 lets a peer make it
// reserve 4 GiB with one header. This one:
// - refuses a message above `max_message_bytes`: it stops reading and closes
//   the connection (logged and counted) before reserving anything;
// - reads the socket in pieces of up to `read_ahead` bytes and cuts the
//   broker's header and body from them (core/read_framer.hpp): one read per
//   message, or fewer when several are waiting;
// - writes what the broker flushed at once, from the broker's handler; only
//   what the socket does not take then goes the multiplexer's way, and
//   later flushes queue behind it until it is sent, so bytes keep their
//   order.
// Runs on the multiplexer's thread only, as every scribe does.
#pragma once

#include "shared/bus_shared.hpp"

#include <caf/io/fwd.hpp>
#include <caf/io/network/native_socket.hpp>

#include <cstddef>
#include <memory>

namespace caf::io::network {
class default_multiplexer;
}

namespace astrid::bus::detail {

/// What a link needs to refuse a message and report it.
struct link_guard {
  std::size_t limit;                   ///< max_message_bytes
  std::shared_ptr<bus_shared> shared;  ///< its logger and metrics
};

/// Makes the scribe of connected socket `fd` (see above). Never throws
/// beyond std::bad_alloc.
caf::io::scribe_ptr make_link_scribe(caf::io::network::default_multiplexer& mx,
                                     caf::io::network::native_socket fd, link_guard guard);

/// The most a link reads from its socket at once.
inline constexpr std::size_t link_read_ahead = 64 * 1024;

}  // namespace astrid::bus::detail
