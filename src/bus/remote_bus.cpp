// The backend of a bus on another node (see remote_bus.hpp).
#include "bus/remote_bus.hpp"

#include "actors/local/jobs.hpp"
#include "actors/nodes/connected_bus.hpp"
#include "actors/nodes/gateway_caller.hpp"
#include "actors/nodes/remote_receiver.hpp"
#include "actors/nodes/route_reader.hpp"
#include "actors/nodes/sync_host.hpp"
#include "bus/receiver_source.hpp"
#include "bus/routed_source.hpp"
#include "shared/call.hpp"
#include "shared/log.hpp"

#include "actors/nodes/guarded_link.hpp"

#include <astrid/bus/bus_unavailable.hpp>
#include <astrid/bus/rate_limiter.hpp>

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/detail/type_traits.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/openssl/remote_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include <exception>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace astrid::bus::detail {

namespace {

gateway_actor connect_gateway(caf::actor_system& sys, const std::string& host,
                              std::uint16_t port, std::shared_ptr<bus_shared> shared) {
  const auto limit = shared->cfg.message_limit();
  auto gw = sys.has_openssl_manager()
                ? caf::openssl::remote_actor<gateway_actor>(sys, host, port)
                : remote_actor_guarded<gateway_actor>(sys, host, port, limit, std::move(shared));
  if (!gw)
    throw bus_unavailable{"astrid::bus: cannot connect to " + host + ":" + std::to_string(port) +
                          ": " + sys.render(gw.error())};
  return std::move(*gw);
}

// `f` with the argument list Args, then `finish(none)`.
template <class F, class... Args>
auto then_finish(F f, std::function<void(caf::error)> finish, caf::detail::type_list<Args...>) {
  return [f, finish](Args... args) mutable {
    f(std::forward<Args>(args)...);
    finish(caf::none);
  };
}

// `ev` encoded for the wire; throws std::invalid_argument naming both sizes
// when it would not fit a message of `limit` bytes.
wire_event encode_within(astrid::event ev, std::size_t limit) {
  auto w = encode_for_wire(std::make_shared<const astrid::event>(std::move(ev)));
  if (wire_size(w) + wire_envelope_bytes > limit)
    throw std::invalid_argument{"astrid::bus: an event of " + std::to_string(wire_size(w)) +
                                " bytes does not fit a message between nodes (max_message_bytes " +
                                std::to_string(limit) + ")"};
  return w;
}

}  // namespace

template <class OnReply, class... Ts>
void remote_bus::call(OnReply on_reply, Ts&&... xs) const {
  if (gone_->load()) throw bus_unavailable{"astrid::bus: the bus node " + where_ + " is gone"};
  using reply_args = typename caf::detail::get_callable_trait<OnReply>::arg_types;
  auto [token, result] = make_call<caf::error>();
  auto request = std::make_tuple(std::forward<Ts>(xs)...);
  auto start = [&](caf::event_based_actor* self, const gateway_actor& gw,
                   std::function<void(caf::error)> finish) {
    std::apply(
        [&](auto&... x) {
          self->request(gw, remote_call_timeout, std::move(x)...)
              .then(then_finish(on_reply, finish, reply_args{}),
                    [finish](caf::error& err) { finish(std::move(err)); });
        },
        request);
  };
  caf::anon_send(caller_, gateway_call{start, std::move(token)});
  auto outcome = result->wait();
  if (!outcome) throw bus_unavailable{"astrid::bus: the bus node " + where_ + " is gone"};
  if (*outcome)
    throw bus_unavailable{"astrid::bus: the bus node " + where_ +
                          " is unavailable: " + sys_.render(*outcome)};
}

remote_bus::remote_bus(caf::actor_system& sys, const std::string& host, std::uint16_t port,
                       bus_config cfg)
    : sys_{sys}, cfg_{cfg}, shared_{std::make_shared<bus_shared>(std::move(cfg))} {
  require_configured(sys, "event_bus::connect");
  set_bus_log_level(shared_->cfg.log_level);
  gateway_ = connect_gateway(sys, host, port, shared_);
  where_ = host + ":" + std::to_string(port);
  caller_ = spawn_gateway_caller(sys, gateway_, gone_, bus_logger(), where_);
  try {
    const auto h = hello();
    cfg_.max_payload_bytes = static_cast<std::size_t>(h.max_payload_bytes);
    door_ = spawn_connected_bus(sys, gateway_, shared_, cfg_.max_payload_bytes, where_);
  } catch (...) {
    caf::anon_send_exit(caller_, caf::exit_reason::user_shutdown);
    throw;
  }
}

remote_bus::~remote_bus() {
  std::vector<std::uint64_t> ids;
  {
    std::lock_guard<std::mutex> guard{hosts_mutex_};
    for (const auto& [id, host] : hosts_) ids.push_back(id);
  }
  for (auto id : ids) {
    try {
      remove_subscriber(id);
    } catch (...) {
      // the node is gone: the object was released all the same
    }
  }
  caf::anon_send_exit(caller_, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(door_, caf::exit_reason::user_shutdown);
}

remote_bus::hello_reply remote_bus::hello() const {
  hello_reply out;
  call([&](std::uint64_t capacity, std::uint64_t subscribers, std::uint64_t routed,
           std::uint64_t max_payload) { out = {capacity, subscribers, routed, max_payload}; },
       rhello_atom::value);
  return out;
}

std::size_t remote_bus::publish(astrid::event ev) {
  auto w = encode_within(std::move(ev), shared_->cfg.message_limit());
  std::uint64_t n = 0;
  call([&](std::uint64_t receivers) { n = receivers; }, rpublish_atom::value, std::move(w));
  return static_cast<std::size_t>(n);
}

void remote_bus::post(astrid::event ev) {
  if (gone_->load()) return;
  try {
    caf::anon_send(gateway_, rpost_atom::value,
                   encode_within(std::move(ev), shared_->cfg.message_limit()));
  } catch (const std::invalid_argument& e) {
    shared_->log->error("event not posted to {}: {}", where_, e.what());
  }
}

publish_result remote_bus::publish_ipc(astrid::ipc_message msg) {
  // What the owning bus would refuse for its size never travels: a payload
  // above its cap, or one too large for a message between nodes.
  if (astrid::ipc_size(msg) > cfg_.max_payload_bytes)
    return publish_result{false, 0, std::string{reason_payload_too_large}};
  wire_event w;
  try {
    w = encode_within(astrid::make_ipc_event(std::move(msg)), shared_->cfg.message_limit());
  } catch (const std::invalid_argument&) {
    return publish_result{false, 0, std::string{reason_payload_too_large}};
  }
  publish_result out;
  call(
      [&](bool accepted, std::uint64_t receivers, std::string& reason) {
        out = publish_result{accepted, static_cast<std::size_t>(receivers), std::move(reason)};
      },
      ripc_atom::value, std::move(w));
  return out;
}

event_receiver remote_bus::receive(std::string pattern, std::string label) {
  auto queue = std::make_shared<waitable_queue>(cfg_.capacity);
  auto rx = spawn_remote_receiver(sys_, queue, caf::actor_cast<caf::actor>(gateway_));
  try {
    call([](std::uint64_t) {}, rsubscribe_atom::value, rx, std::move(pattern), label);
  } catch (...) {
    caf::anon_send_exit(rx, caf::exit_reason::user_shutdown);
    throw;
  }
  // Stopping the receiver actor ends the subscription on the owning bus.
  auto end = [rx]() noexcept { caf::anon_send_exit(rx, caf::exit_reason::user_shutdown); };
  return event_receiver{
      std::make_unique<queue_source>(shared_, std::move(queue), std::move(label), std::move(end))};
}

event_receiver remote_bus::subscribe(std::string label) { return receive({}, std::move(label)); }

event_receiver remote_bus::subscribe_topic(std::string pattern, std::string label) {
  return receive(std::move(pattern), std::move(label));
}

std::uint64_t remote_bus::add_subscriber(std::shared_ptr<subscriber> s) {
  auto name = s->name();
  auto host = spawn_sync_host(sys_, std::move(s), caf::actor_cast<caf::actor>(gateway_), shared_);
  std::uint64_t id = 0;
  try {
    call([&](std::uint64_t assigned) { id = assigned; }, rsyncadd_atom::value, host,
         std::move(name));
  } catch (...) {
    caf::anon_send_exit(host, caf::exit_reason::user_shutdown);
    throw;
  }
  std::lock_guard<std::mutex> guard{hosts_mutex_};
  hosts_.emplace(id, std::move(host));
  return id;
}

bool remote_bus::remove_subscriber(std::uint64_t id) {
  caf::actor host;
  {
    std::lock_guard<std::mutex> guard{hosts_mutex_};
    auto it = hosts_.find(id);
    if (it == hosts_.end()) return false;
    host = std::move(it->second);
    hosts_.erase(it);
  }
  // The host keeps serving until the owning bus let go (sync_gone), then
  // hands the object over: it dies on this thread, never mid-handler.
  auto [token, released] = make_call<std::shared_ptr<subscriber>>();
  caf::anon_send(host, sync_detach{id, std::move(token)});
  bool found = false;
  std::exception_ptr failure;
  try {
    call([&](bool existed) { found = existed; }, rsyncdel_atom::value, id);
  } catch (...) {
    failure = std::current_exception();
  }
  caf::anon_send(host, sync_gone{id});
  released->wait().reset();  // the subscriber's destructor runs here
  if (failure) std::rethrow_exception(failure);
  return found;
}

routed_receiver remote_bus::subscribe_routed(std::string pattern, route_owner owner,
                                             routed_scope scope, route_gate gate) {
  auto closed = std::make_shared<std::atomic<bool>>(false);
  auto reader = spawn_route_reader(sys_, closed);
  wire_route_spec spec{to_string(owner.capsule), std::move(pattern), owner.capsule_label,
                       owner.label, static_cast<std::uint8_t>(scope.which()),
                       scope.principal_name(), gate.is_published()};
  caf::actor keeper;
  std::uint64_t id = 0;
  try {
    call([&](caf::actor& k, std::uint64_t assigned) { keeper = std::move(k); id = assigned; },
         rroute_atom::value, reader,
         std::move(spec));
  } catch (...) {
    caf::anon_send_exit(reader, caf::exit_reason::user_shutdown);
    throw;
  }
  caf::anon_send(reader, rbind_atom::value, std::move(keeper));
  auto gate_of_route = [gw = gateway_, id](bool open) {
    caf::anon_send(gw, rgate_atom::value, id, open);
  };
  return routed_receiver{std::make_unique<remote_routed_source>(
      std::move(reader), std::move(gate_of_route), std::move(closed), std::move(owner),
      std::move(scope), std::move(gate))};
}

// The thread edge of the connected bus actor: one request, waited for
// here, at most remote_call_timeout (plus the actor's own bound on the
// request it makes to the owning bus).
template <class T, class... Ts>
T remote_bus::ask_door(Ts&&... xs) const {
  if (gone_->load()) throw bus_unavailable{"astrid::bus: the bus node " + where_ + " is gone"};
  caf::scoped_actor self{sys_};
  std::optional<T> out;
  caf::error failure;
  self->request(door_, 2 * remote_call_timeout, std::forward<Ts>(xs)...)
      .receive([&](T& value) { out = std::move(value); },
               [&](caf::error& err) { failure = std::move(err); });
  if (out) return std::move(*out);
  if (failure == caf::sec::invalid_argument)
    throw std::invalid_argument{sys_.render(failure)};
  throw bus_unavailable{"astrid::bus: the bus node " + where_ +
                        " is unavailable: " + sys_.render(failure)};
}

std::uint64_t remote_bus::subscribe_actor(caf::actor who, std::string pattern,
                                          std::string label) {
  return ask_door<std::uint64_t>(subscribe_atom::value, caf::actor_cast<event_sink>(std::move(who)),
                                 std::move(pattern), std::move(label));
}

bool remote_bus::unsubscribe_actor(std::uint64_t id) {
  return ask_door<bool>(unsubscribe_atom::value, id);
}

std::size_t remote_bus::subscriber_count() const noexcept {
  try {
    return static_cast<std::size_t>(hello().subscribers);
  } catch (...) {
    return 0;
  }
}

std::size_t remote_bus::routed_subscription_count() const noexcept {
  try {
    return static_cast<std::size_t>(hello().routed);
  } catch (...) {
    return 0;
  }
}

bus_stats remote_bus::stats() const {
  bus_stats out;
  call([&](bus_stats& s) { out = std::move(s); }, rbusstats_atom::value);
  return out;
}

bus_actor remote_bus::handle() const noexcept { return door_; }

std::uint16_t remote_bus::serve(std::uint16_t, const std::string&) {
  not_on_connected_bus("serve");
}

}  // namespace astrid::bus::detail
