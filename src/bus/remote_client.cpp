// The connecting side of the remote bridge: an event_bus whose calls go to a
// gateway on another node. Blocking calls are CAF requests with a timeout,
// so a lost node is an error (bus_unavailable), never a hang; a watcher
// actor monitors the gateway so calls after the loss fail at once.
#include "bus/remote.hpp"

#include "actors/bus_shared.hpp"
#include "actors/remote_protocol.hpp"
#include "actors/remote_receiver.hpp"

#include <astrid/bus/bus_unavailable.hpp>
#include <astrid/bus/event_bus.hpp>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/remote_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/system_messages.hpp>

#include <atomic>
#include <string>
#include <utility>

namespace astrid::bus::detail {

struct remote_client::state {
  caf::actor_system& sys;
  gateway_actor gateway;
  std::string where;  // host:port, for messages
  std::shared_ptr<std::atomic<bool>> gone = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<bus_shared> shared;  // local: receivers' lag counters and logger
  caf::actor watcher;

  // Sends a request and hands the reply to `on_reply`; throws bus_unavailable
  // on error, timeout, or when the node is known to be gone.
  template <class OnReply, class... Ts>
  void call(OnReply on_reply, Ts&&... xs) {
    if (gone->load()) throw bus_unavailable{"astrid::bus: the bus node " + where + " is gone"};
    caf::scoped_actor self{sys};
    caf::error failure;
    self->request(gateway, remote_call_timeout, std::forward<Ts>(xs)...)
        .receive(on_reply, [&](caf::error& err) { failure = std::move(err); });
    if (failure)
      throw bus_unavailable{"astrid::bus: the bus node " + where +
                            " is unavailable: " + sys.render(failure)};
  }
};

namespace {

gateway_actor connect_gateway(caf::actor_system& sys, const std::string& host,
                              std::uint16_t port) {
  auto gw = sys.has_openssl_manager()
                ? caf::openssl::remote_actor<gateway_actor>(sys, host, port)
                : sys.middleman().remote_actor<gateway_actor>(host, port);
  if (!gw)
    throw bus_unavailable{"astrid::bus: cannot connect to " + host + ":" + std::to_string(port) +
                          ": " + sys.render(gw.error())};
  return std::move(*gw);
}

caf::actor spawn_watcher(caf::actor_system& sys, caf::actor gateway,
                         std::shared_ptr<std::atomic<bool>> gone,
                         std::shared_ptr<bus_shared> shared, std::string where) {
  return sys.spawn([=](caf::event_based_actor* self) -> caf::behavior {
    self->monitor(gateway);
    self->set_down_handler([=](caf::down_msg& dm) {
      gone->store(true);
      shared->log->warn("bus node gone node={} reason={}", where, self->system().render(dm.reason));
      self->quit();
    });
    return {[](const std::string&) {}};
  });
}

}  // namespace

remote_client::remote_client(caf::actor_system& sys, const std::string& host, std::uint16_t port) {
  require_configured(sys, "event_bus::connect");
  st_ = std::make_shared<state>(state{sys, connect_gateway(sys, host, port),
                                      host + ":" + std::to_string(port)});
  st_->call([&](std::uint64_t capacity, std::uint64_t) { cfg_.capacity = capacity; },
            rhello_atom::value);
  st_->shared = std::make_shared<bus_shared>(cfg_);
  st_->watcher = spawn_watcher(sys, caf::actor_cast<caf::actor>(st_->gateway), st_->gone,
                               st_->shared, st_->where);
}

remote_client::~remote_client() {
  if (st_) caf::anon_send_exit(st_->watcher, caf::exit_reason::user_shutdown);
}

std::size_t remote_client::publish(astrid::event ev) {
  std::uint64_t n = 0;
  st_->call([&](std::uint64_t receivers) { n = receivers; }, rpublish_atom::value,
            wire_event{std::make_shared<const astrid::event>(std::move(ev))});
  return static_cast<std::size_t>(n);
}

void remote_client::post(astrid::event ev) {
  if (st_->gone->load()) return;
  caf::anon_send(st_->gateway, rpost_atom::value,
                 wire_event{std::make_shared<const astrid::event>(std::move(ev))});
}

publish_result remote_client::publish_ipc(astrid::ipc_message msg) {
  publish_result out;
  st_->call(
      [&](bool accepted, std::uint64_t receivers, std::string& reason) {
        out = publish_result{accepted, static_cast<std::size_t>(receivers), std::move(reason)};
      },
      ripc_atom::value,
      wire_event{std::make_shared<const astrid::event>(astrid::make_ipc_event(std::move(msg)))});
  return out;
}

event_receiver remote_client::subscribe(std::string pattern, std::string label) {
  auto queue = std::make_shared<remote_queue>(cfg_.capacity);
  auto rx = spawn_remote_receiver(st_->sys, queue, caf::actor_cast<caf::actor>(st_->gateway));
  try {
    st_->call([](std::uint64_t) {}, rsubscribe_atom::value, rx, std::move(pattern), label);
  } catch (...) {
    caf::anon_send_exit(rx, caf::exit_reason::user_shutdown);
    throw;
  }
  return event_receiver{
      std::make_unique<remote_source>(st_->shared, std::move(queue), std::move(rx), std::move(label))};
}

std::size_t remote_client::subscriber_count() const noexcept {
  std::size_t n = 0;
  try {
    st_->call([&](std::uint64_t, std::uint64_t count) { n = static_cast<std::size_t>(count); },
              rhello_atom::value);
  } catch (...) {
    return 0;
  }
  return n;
}

caf::actor remote_client::handle() const noexcept {
  return caf::actor_cast<caf::actor>(st_->gateway);
}

}  // namespace astrid::bus::detail
