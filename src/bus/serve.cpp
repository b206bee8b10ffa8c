// Serving a local bus to other nodes: its gateway (actors/nodes/gateway.hpp)
// published with TLS through caf-openssl when configure() was given TLS, or
// in plain TCP over guarded links (actors/nodes/guarded_link.hpp). Plain TCP
// listens on loopback only unless the configuration says otherwise.
#include "bus/local_bus.hpp"

#include "actors/nodes/gateway.hpp"
#include "actors/nodes/guarded_link.hpp"
#include "bus/listen_check.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/openssl/publish.hpp>
#include <caf/send.hpp>

#include <stdexcept>
#include <string>

namespace astrid::bus::detail {

namespace {

// True for addresses only this host can reach.
bool is_loopback(const std::string& bind) {
  return bind == "localhost" || bind == "::1" || bind.rfind("127.", 0) == 0;
}

}  // namespace

std::uint16_t local_bus::serve(std::uint16_t port, const std::string& bind) {
  require_configured(sys_, "event_bus::serve");
  const auto& cfg = shared_->cfg;
  const bool tls = sys_.has_openssl_manager();
  const bool loopback = is_loopback(bind);
  const auto where = (bind.empty() ? std::string{"*"} : bind) + ":" + std::to_string(port);
  if (!tls && !loopback && !cfg.insecure_plaintext)
    throw std::invalid_argument{
        "astrid::bus: refusing to serve without TLS on " + where +
        ": any host that reaches the port could read and publish every event; serve on "
        "loopback, give the node TLS files, or allow it with insecure_plaintext = true "
        "(astrid-bus serve --insecure-plaintext)"};
  auto gw = spawn_gateway(sys_, bus_, limiter_, shared_);
  const char* in = bind.empty() ? nullptr : bind.c_str();
  auto bound = tls ? caf::openssl::publish(gw, port, in, true)
                   : publish_guarded(sys_, caf::actor_cast<caf::strong_actor_ptr>(gw),
                                     sys_.message_types(gw), port, bind, cfg.message_limit(),
                                     shared_);
  if (!bound) {
    caf::anon_send_exit(gw, caf::exit_reason::user_shutdown);
    // CAF's error says a socket failed, not why: ask the system again.
    auto cause = listen_failure(bind, port);
    throw std::runtime_error{"astrid::bus: cannot serve on " + where + ": " +
                             (cause.empty() ? sys_.render(bound.error()) : cause)};
  }
  shared_->log->info("serving bus on {}:{} tls={} max_message_bytes={}", bind, *bound, tls,
                     cfg.message_limit());
  if (!tls && !loopback)
    shared_->log->warn(
        "security: serving without TLS on {}:{} (insecure_plaintext): any host that reaches the "
        "port can read and publish every event",
        bind.empty() ? std::string{"*"} : bind, *bound);
  return *bound;
}

}  // namespace astrid::bus::detail
