// configure(): the CAF modules a bus that serves or connects needs, loaded
// before its actor_system exists (CAF cannot add modules afterwards), and the
// registration of every type that crosses nodes (same names on every node).
// TLS files are checked here, before anything is changed: caf-openssl reads
// them only at the first handshake, where a bad one would end the process.
#include <astrid/bus/event_bus.hpp>

#include "actors/nodes/protocol.hpp"
#include "bus/bus_backend.hpp"
#include "bus/tls_files.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/manager.hpp>
#include <caf/settings.hpp>

#include <stdexcept>
#include <string>

namespace astrid::bus {

void configure(caf::actor_system_config& cfg, std::optional<tls_config> tls) {
  if (tls) detail::check_tls_files(*tls);
  cfg.load<caf::io::middleman>();
  // Messages from other nodes are read where they arrive, on the
  // multiplexer's thread, instead of being handed to a BASP worker on the
  // scheduler: a wake-up of a worker thread fewer per message, and the
  // receivers of remote subscriptions (brokers on that thread) get their
  // batches without leaving it. A choice made before stays.
  if (caf::get_if(&cfg.content, "middleman.workers") == nullptr)
    cfg.set("middleman.workers", 0);
  detail::add_wire_types(cfg);
  if (!tls) return;
  cfg.load<caf::openssl::manager>();
  cfg.set("openssl.certificate", tls->certificate);
  cfg.set("openssl.key", tls->key);
  cfg.set("openssl.cafile", tls->ca_file);
}

namespace detail {

void require_configured(caf::actor_system& sys, const char* what) {
  if (!sys.has_middleman() || !sys.types().make_value(wire_event_name))
    throw std::logic_error{std::string{"astrid::bus: "} + what +
                           " needs an actor_system whose config was prepared with "
                           "astrid::bus::configure(cfg)"};
}

void not_on_connected_bus(const char* what) {
  throw std::logic_error{std::string{"astrid::bus: "} + what +
                         " is not supported on a connected bus"};
}

}  // namespace detail

}  // namespace astrid::bus
