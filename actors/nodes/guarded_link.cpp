// Plain TCP links that refuse oversized messages (see guarded_link.hpp).
#include "actors/nodes/guarded_link.hpp"

#include "actors/nodes/link_scribe.hpp"

#include <caf/actor_cast.hpp>
#include <caf/atom.hpp>
#include <caf/exit_reason.hpp>
#include <caf/function_view.hpp>
#include <caf/io/basp_broker.hpp>
#include <caf/io/middleman.hpp>
#include <caf/io/middleman_actor_impl.hpp>
#include <caf/io/network/default_multiplexer.hpp>
#include <caf/io/network/doorman_impl.hpp>
#include <caf/io/network/native_socket.hpp>
#include <caf/sec.hpp>
#include <caf/send.hpp>

#include <chrono>
#include <tuple>
#include <utility>

namespace astrid::bus::detail {

namespace {

namespace net = caf::io::network;

// The listening socket of a published gateway: every connection it accepts
// is a link scribe (link_scribe.hpp).
class guarded_doorman final : public net::doorman_impl {
 public:
  guarded_doorman(net::default_multiplexer& mx, net::native_socket fd, link_guard g)
      : net::doorman_impl{mx, fd}, guard_{std::move(g)} {}

  bool new_connection() override {
    if (detached()) return false;  // the broker let go while the socket was still polled
    auto& mx = acceptor_.backend();
    const auto fd = acceptor_.accepted_socket();
    net::keepalive(fd, true);
    auto scribe = make_link_scribe(mx, fd, guard_);
    const auto hdl = scribe->hdl();
    parent()->add_scribe(std::move(scribe));
    return doorman::new_connection(&mx, hdl);
  }

 private:
  link_guard guard_;
};

// CAF's middleman actor, opening and connecting guarded sockets. Scheduled,
// not detached, and short-lived: once a port is published or a node
// reached, the broker holds the sockets and this actor quits.
class guarded_middleman final : public caf::io::middleman_actor_impl {
 public:
  guarded_middleman(caf::actor_config& cfg, caf::actor basp, net::default_multiplexer* mx, link_guard g)
      : caf::io::middleman_actor_impl{cfg, std::move(basp)}, mx_{*mx}, guard_{std::move(g)} {}

  const char* name() const override { return "astrid.guarded_middleman"; }

 protected:
  caf::expected<caf::io::scribe_ptr> connect(const std::string& host,
                                             std::uint16_t port) override {
    auto fd = net::new_tcp_connection(host, port);
    if (!fd) return std::move(fd.error());
    net::keepalive(*fd, true);
    return make_link_scribe(mx_, *fd, guard_);
  }

  caf::expected<caf::io::doorman_ptr> open(std::uint16_t port, const char* addr,
                                           bool reuse) override {
    auto fd = net::new_tcp_acceptor_impl(port, addr, reuse);
    if (!fd) return std::move(fd.error());
    return caf::io::doorman_ptr{caf::make_counted<guarded_doorman>(mx_, *fd, guard_)};
  }

 private:
  net::default_multiplexer& mx_;
  link_guard guard_;
};

// Runs `f` with a fresh guarded middleman actor of `sys`, then stops it.
template <class F>
auto with_guarded_middleman(caf::actor_system& sys, link_guard g, F f)
    -> decltype(f(caf::io::middleman_actor{})) {
  auto* mx = dynamic_cast<net::default_multiplexer*>(&sys.middleman().backend());
  if (mx == nullptr)
    return caf::make_error(caf::sec::runtime_error,
                           std::string{"guarded links need CAF's default network backend"});
  auto basp = sys.middleman().named_broker<caf::io::basp_broker>(caf::atom("BASP"));
  auto mm = sys.spawn<guarded_middleman, caf::hidden>(std::move(basp), mx, std::move(g));
  auto handle = caf::actor_cast<caf::io::middleman_actor>(mm);
  auto result = f(handle);
  caf::anon_send_exit(mm, caf::exit_reason::user_shutdown);
  return result;
}

}  // namespace

caf::expected<std::uint16_t> publish_guarded(caf::actor_system& sys, caf::strong_actor_ptr whom,
                                             std::set<std::string> sigs, std::uint16_t port,
                                             const std::string& addr,
                                             std::size_t max_message_bytes,
                                             std::shared_ptr<bus_shared> shared) {
  if (!whom) return caf::sec::cannot_publish_invalid_actor;
  return with_guarded_middleman(
      sys, link_guard{max_message_bytes, std::move(shared)},
      [&](const caf::io::middleman_actor& mm) -> caf::expected<std::uint16_t> {
        auto f = caf::make_function_view(mm);
        return f(caf::publish_atom::value, port, std::move(whom), std::move(sigs), addr, true);
      });
}

caf::expected<caf::strong_actor_ptr> connect_guarded(caf::actor_system& sys,
                                                     std::set<std::string> sigs,
                                                     const std::string& host, std::uint16_t port,
                                                     std::size_t max_message_bytes,
                                                     std::shared_ptr<bus_shared> shared) {
  return with_guarded_middleman(
      sys, link_guard{max_message_bytes, std::move(shared)},
      [&](const caf::io::middleman_actor& mm) -> caf::expected<caf::strong_actor_ptr> {
        auto f = caf::make_function_view(mm, caf::duration{std::chrono::seconds{30}});
        auto res = f(caf::connect_atom::value, host, port);
        if (!res) return std::move(res.error());
        auto ptr = std::move(std::get<1>(*res));
        if (!ptr) return caf::make_error(caf::sec::no_actor_published_at_port, port);
        if (!sys.assignable(std::get<2>(*res), sigs))
          return caf::make_error(caf::sec::unexpected_actor_messaging_interface, std::move(sigs),
                                 std::move(std::get<2>(*res)));
        return ptr;
      });
}

}  // namespace astrid::bus::detail
