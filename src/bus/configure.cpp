// configure(): the CAF modules a bus that serves or connects needs, loaded
// before its actor_system exists (CAF cannot add modules afterwards), and the
// registration of every type that crosses nodes (same names on every node).
#include <astrid/bus/event_bus.hpp>

#include "actors/remote_protocol.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/manager.hpp>

namespace astrid::bus {

void configure(caf::actor_system_config& cfg, std::optional<tls_config> tls) {
  cfg.load<caf::io::middleman>();
  detail::add_wire_types(cfg);
  if (!tls) return;
  cfg.load<caf::openssl::manager>();
  cfg.set("openssl.certificate", tls->certificate);
  cfg.set("openssl.key", tls->key);
  cfg.set("openssl.cafile", tls->ca_file);
}

}  // namespace astrid::bus
