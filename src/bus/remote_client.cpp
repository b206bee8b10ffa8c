// The connecting side of the remote bridge: an event_bus whose calls go to a
// gateway on another node. Blocking calls are CAF requests with a timeout,
// made by a caller actor that monitors the gateway (actors/remote_caller.hpp), so a
// lost node is an error (bus_unavailable) at once, never a hang. Sync
// subscribers stay on this node in host actors (actors/sync_host.hpp); routed
// receivers read routes that live on the owning bus (actors/remote_routed.hpp).
#include "bus/remote.hpp"

#include "actors/bus_shared.hpp"
#include "actors/remote_protocol.hpp"
#include "actors/remote_receiver.hpp"
#include "actors/remote_routed.hpp"
#include "actors/log.hpp"
#include "actors/sync_host.hpp"
#include "actors/remote_caller.hpp"

#include <astrid/bus/bus_unavailable.hpp>
#include <astrid/bus/event_bus.hpp>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/remote_actor.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>

#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace astrid::bus::detail {

struct remote_client::state {
  state(caf::actor_system& system, gateway_actor gw, std::string host_port)
      : sys{system}, gateway{std::move(gw)}, where{std::move(host_port)} {}

  caf::actor_system& sys;
  gateway_actor gateway;
  std::string where;  // host:port, for messages
  std::shared_ptr<std::atomic<bool>> gone = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<bus_shared> shared;  // local: receivers' lag counters and logger
  caf::actor caller;  // makes the blocking calls; monitors the gateway
  std::mutex hosts_mutex;
  std::map<std::uint64_t, caf::actor> hosts;  // sync subscribers added here, by id

  // Sends a request and hands the reply to `on_reply`; throws bus_unavailable
  // on error, timeout, or when the node is (or goes) gone.
  template <class OnReply, class... Ts>
  void call(OnReply on_reply, Ts&&... xs) {
    if (gone->load()) throw bus_unavailable{"astrid::bus: the bus node " + where + " is gone"};
    call_gateway(sys, caller, where, std::move(on_reply), std::forward<Ts>(xs)...);
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

struct caller_state {
  caller_state() = default;  // not an aggregate: CAF must not build it from `self`
  std::unordered_map<std::uint64_t, ticket<caf::error>> pending;  // by call number
  std::uint64_t calls = 0;
  static constexpr const char* name = "astrid.remote_caller";
};

using caller_pointer = caf::stateful_actor<caller_state>*;

caf::behavior caller_behavior(caller_pointer self, gateway_actor gateway,
                              std::shared_ptr<std::atomic<bool>> gone,
                              std::shared_ptr<spdlog::logger> log, std::string where) {
  self->monitor(gateway);
  self->set_down_handler([=](caf::down_msg& dm) {
    gone->store(true);
    log->warn("bus node gone node={} reason={}", where, self->system().render(dm.reason));
    self->state.pending.clear();  // every waiting call fails now
    self->quit();
  });
  return {
      [=](gateway_call& c) {
        const auto key = ++self->state.calls;
        self->state.pending.emplace(key, std::move(c.done));
        c.start(self, gateway, [=](caf::error err) {
          auto it = self->state.pending.find(key);
          if (it == self->state.pending.end()) return;
          it->second->set(std::move(err));
          self->state.pending.erase(it);
        });
      },
  };
}

}  // namespace

caf::actor spawn_gateway_caller(caf::actor_system& sys, gateway_actor gateway,
                                std::shared_ptr<std::atomic<bool>> gone,
                                std::shared_ptr<spdlog::logger> log, std::string where) {
  return sys.spawn(caller_behavior, std::move(gateway), std::move(gone), std::move(log),
                   std::move(where));
}

remote_client::remote_client(caf::actor_system& sys, const std::string& host, std::uint16_t port) {
  require_configured(sys, "event_bus::connect");
  st_ = std::make_shared<state>(sys, connect_gateway(sys, host, port),
                                host + ":" + std::to_string(port));
  st_->caller = spawn_gateway_caller(sys, st_->gateway, st_->gone, bus_logger(), st_->where);
  try {
    st_->call([&](std::uint64_t capacity, std::uint64_t, std::uint64_t) { cfg_.capacity = capacity; },
              rhello_atom::value);
  } catch (...) {
    caf::anon_send_exit(st_->caller, caf::exit_reason::user_shutdown);
    throw;
  }
  st_->shared = std::make_shared<bus_shared>(cfg_);
}

remote_client::~remote_client() {
  if (!st_) return;
  std::vector<std::uint64_t> ids;
  {
    std::lock_guard<std::mutex> guard{st_->hosts_mutex};
    for (const auto& [id, host] : st_->hosts) ids.push_back(id);
  }
  for (auto id : ids) {
    try {
      remove_subscriber(id);
    } catch (...) {
      // the node is gone: the object was released all the same
    }
  }
  caf::anon_send_exit(st_->caller, caf::exit_reason::user_shutdown);
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

std::uint64_t remote_client::add_subscriber(std::shared_ptr<subscriber> s) {
  auto name = s->name();
  auto host = spawn_sync_host(st_->sys, std::move(s), caf::actor_cast<caf::actor>(st_->gateway),
                              st_->shared);
  std::uint64_t id = 0;
  try {
    st_->call([&](std::uint64_t assigned) { id = assigned; }, rsyncadd_atom::value, host,
              std::move(name));
  } catch (...) {
    caf::anon_send_exit(host, caf::exit_reason::user_shutdown);
    throw;
  }
  std::lock_guard<std::mutex> guard{st_->hosts_mutex};
  st_->hosts.emplace(id, std::move(host));
  return id;
}

bool remote_client::remove_subscriber(std::uint64_t id) {
  caf::actor host;
  {
    std::lock_guard<std::mutex> guard{st_->hosts_mutex};
    auto it = st_->hosts.find(id);
    if (it == st_->hosts.end()) return false;
    host = std::move(it->second);
    st_->hosts.erase(it);
  }
  // The host keeps serving until the owning bus let go (sync_gone), then
  // hands the object over: it dies on this thread, never mid-handler.
  auto [token, released] = make_call<std::shared_ptr<subscriber>>();
  caf::anon_send(host, sync_detach{id, std::move(token)});
  bool found = false;
  std::exception_ptr failure;
  try {
    st_->call([&](bool existed) { found = existed; }, rsyncdel_atom::value, id);
  } catch (...) {
    failure = std::current_exception();
  }
  caf::anon_send(host, sync_gone{id});
  released->wait().reset();  // the subscriber's destructor runs here
  if (failure) std::rethrow_exception(failure);
  return found;
}

std::unique_ptr<routed_source> remote_client::subscribe_routed(std::string pattern,
                                                               route_owner owner,
                                                               std::optional<std::string> scope) {
  auto closed = std::make_shared<std::atomic<bool>>(false);
  auto reader = spawn_route_reader(st_->sys, closed);
  wire_route_spec spec{to_string(owner.capsule), std::move(pattern), owner.capsule_label,
                       owner.label, scope.has_value(), scope.value_or(std::string{})};
  caf::actor keeper;
  try {
    st_->call([&](caf::actor& k) { keeper = std::move(k); }, rroute_atom::value, reader,
              std::move(spec));
  } catch (...) {
    caf::anon_send_exit(reader, caf::exit_reason::user_shutdown);
    throw;
  }
  caf::anon_send(reader, rbind_atom::value, std::move(keeper));
  return std::make_unique<remote_routed_source>(std::move(reader), std::move(closed),
                                                std::move(owner), std::move(scope));
}

std::size_t remote_client::subscriber_count() const noexcept {
  std::size_t n = 0;
  try {
    st_->call([&](std::uint64_t, std::uint64_t count, std::uint64_t) { n = count; },
              rhello_atom::value);
  } catch (...) {
    return 0;
  }
  return n;
}

std::size_t remote_client::routed_subscription_count() const noexcept {
  std::size_t n = 0;
  try {
    st_->call([&](std::uint64_t, std::uint64_t, std::uint64_t count) { n = count; },
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
