// Serving a local bus to other nodes: its gateway (actors/nodes/gateway.hpp)
// published through CAF's middleman, or caf-openssl when configure() was
// given TLS.
#include "bus/local_bus.hpp"

#include "actors/nodes/gateway.hpp"

#include <caf/actor_system.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/publish.hpp>
#include <caf/send.hpp>

#include <stdexcept>
#include <string>

namespace astrid::bus::detail {

std::uint16_t local_bus::serve(std::uint16_t port, const std::string& bind) {
  require_configured(sys_, "event_bus::serve");
  auto gw = spawn_gateway(sys_, bus_, limiter_, shared_);
  const char* in = bind.empty() ? nullptr : bind.c_str();
  auto bound = sys_.has_openssl_manager() ? caf::openssl::publish(gw, port, in, true)
                                          : sys_.middleman().publish(gw, port, in, true);
  if (!bound) {
    caf::anon_send_exit(gw, caf::exit_reason::user_shutdown);
    std::string why = sys_.render(bound.error());
    throw std::runtime_error{"astrid::bus: cannot serve on " + bind + ":" + std::to_string(port) +
                             ": " + why};
  }
  shared_->log->info("serving bus on {}:{} tls={}", bind, *bound, sys_.has_openssl_manager());
  // CAF 0.17's BASP broker believes the payload length in a peer's first
  // header and reserves that much (up to 4 GiB) before it reads a byte of
  // it. With TLS only peers holding a certificate of the CA get that far.
  const bool loopback = bind == "127.0.0.1" || bind == "::1" || bind == "localhost";
  if (!sys_.has_openssl_manager() && !loopback)
    shared_->log->warn(
        "security: serving without TLS on {}:{}: any peer that reaches this port can make the "
        "node reserve up to 4 GiB per connection; serve on loopback or with TLS",
        bind.empty() ? std::string{"*"} : bind, *bound);
  return *bound;
}

}  // namespace astrid::bus::detail
