// Plain TCP links between nodes that no peer can use to exhaust memory.
// CAF 0.17.6's BASP broker reads a 32-byte header and then reserves the
// payload length it announces (up to 4 GiB) before reading a byte of it, so
// one connection that sends one header can make a node hold gigabytes. CAF
// has no limit to set, but its broker asks each connection (a scribe) for
// the next read size, and the scribe is ours to make: the middleman actor
// here publishes and connects like CAF's own, over scribes that close the
// connection instead of reserving more than `max_message_bytes` for one
// message (link_scribe.hpp, which also spends fewer system calls per
// message than CAF's own). TLS links (caf-openssl) need no guard: a peer without a
// certificate of the CA never gets past the TLS handshake.
#pragma once

#include "shared/bus_shared.hpp"

#include <caf/actor_system.hpp>
#include <caf/expected.hpp>
#include <caf/fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>

namespace astrid::bus::detail {

/// Publishes `whom` (with messaging interface `sigs`) on `port` at `addr`
/// ("" = every interface) through the system's BASP broker, as
/// middleman::publish does, over guarded connections: one whose peer
/// announces a message larger than `max_message_bytes` is closed, logged on
/// `shared`'s logger and counted in its metrics. Returns the bound port or
/// why it could not be bound. Blocks while the port is opened.
caf::expected<std::uint16_t> publish_guarded(caf::actor_system& sys, caf::strong_actor_ptr whom,
                                             std::set<std::string> sigs, std::uint16_t port,
                                             const std::string& addr,
                                             std::size_t max_message_bytes,
                                             std::shared_ptr<bus_shared> shared);

/// The actor published at host:port, reached over a guarded connection (see
/// publish_guarded), checked to offer the interface `sigs`, as
/// middleman::remote_actor does. Blocks until the handshake is done or fails.
caf::expected<caf::strong_actor_ptr> connect_guarded(caf::actor_system& sys,
                                                     std::set<std::string> sigs,
                                                     const std::string& host, std::uint16_t port,
                                                     std::size_t max_message_bytes,
                                                     std::shared_ptr<bus_shared> shared);

/// connect_guarded for a typed handle. Blocks like it.
template <class Handle>
caf::expected<Handle> remote_actor_guarded(caf::actor_system& sys, const std::string& host,
                                           std::uint16_t port, std::size_t max_message_bytes,
                                           std::shared_ptr<bus_shared> shared) {
  auto ptr = connect_guarded(sys, sys.message_types<Handle>(), host, port, max_message_bytes,
                             std::move(shared));
  if (!ptr) return std::move(ptr.error());
  return caf::actor_cast<Handle>(std::move(*ptr));
}

}  // namespace astrid::bus::detail
