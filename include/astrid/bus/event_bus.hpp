// The bus as plain C++ callers see it: publish, subscribe, sync subscribers,
// the rate-limited guest path, and a door for actors. Behind it run typed CAF
// actors (bus, topic router, rate limiter, subscriber supervisor); callers
// never handle a CAF message unless they are actors themselves.
#pragma once

#include <astrid/bus/bus_actor.hpp>
#include <astrid/bus/bus_config.hpp>
#include <astrid/bus/bus_stats.hpp>
#include <astrid/bus/bus_unavailable.hpp>
#include <astrid/bus/event_ptr.hpp>
#include <astrid/bus/event_receiver.hpp>
#include <astrid/bus/publish_result.hpp>
#include <astrid/bus/routed_receiver.hpp>
#include <astrid/bus/subscriber.hpp>

#include <caf/actor.hpp>
#include <caf/fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace astrid::bus {

namespace detail {
class bus_backend;
}  // namespace detail

/// PEM files for TLS between nodes.
struct tls_config {
  std::string certificate;  ///< this node's certificate chain
  std::string key;          ///< its private key
  std::string ca_file;      ///< the CA that signs every node's certificate
};

/// Prepares `cfg` (before its actor_system is created) for a bus that will
/// serve or connect: loads caf::io::middleman and, with `tls`, also
/// caf::openssl::manager with those files (then only TLS links are made).
/// Unless `cfg` already sets `middleman.workers`, sets it to 0: messages
/// from other nodes are then deserialized on the middleman's thread, where
/// remote receivers run, instead of waking a scheduler thread each.
/// Purely local use needs no configure(). The TLS files are checked first,
/// as caf-openssl will read them: each a readable, non-empty PEM file, the
/// certificate and CA parsing as certificates, the key as a private key
/// without passphrase that belongs to the certificate. Throws
/// std::invalid_argument naming the file and the reason (OpenSSL's, for a
/// file that does not parse) and leaves `cfg` unchanged when one fails;
/// std::bad_alloc otherwise only. A peer that fails the TLS handshake later
/// is a refused connection, not an error of the node.
void configure(caf::actor_system_config& cfg, std::optional<tls_config> tls = std::nullopt);

/// An event bus. Cheap to copy; every copy is the same bus. Destroying the
/// last copy shuts the bus down: it releases every sync subscriber (their
/// destructors have run when it returns) and closes every receiver (they
/// still drain what they buffered). Destroy every copy before the
/// actor_system. Thread-safe. The blocking calls must not be made from a
/// sync subscriber's handler (use bus_context); from other actors they block
/// a scheduler thread while they wait: an actor uses `handle()` instead.
/// On a local bus a blocking call waits at most bus_config::call_timeout_ms
/// and then throws std::runtime_error saying so (the call may still take
/// effect later); on a connected bus, remote calls are bounded as well.
///
/// Logging goes to the spdlog logger "astrid.bus" (register your own under
/// that name before creating a bus to route it; otherwise a stderr logger is
/// made). Its level is set from bus_config::log_level.
class event_bus {
 public:
  /// Spawns a bus in `sys` with `cfg`. Throws std::invalid_argument when
  /// `cfg.capacity` is 0.
  explicit event_bus(caf::actor_system& sys, bus_config cfg = {});

  /// A bus on another node (served there with `serve`), over TLS when
  /// configure() was given TLS, configured by `cfg` on this side: its
  /// receivers' capacity, the message limit of the link (max_message_bytes)
  /// and the log level; the owning bus's payload cap applies to
  /// publish_ipc (config() reports it). Every call works as on a local bus
  /// (filtering, lag counting and routes live on the owning bus; sync
  /// subscriber objects and actor subscribers stay on this node, and
  /// handle() is an actor here that answers by asking the owning bus);
  /// serve() throws std::logic_error. Calls on it throw bus_unavailable
  /// once the node is gone; its receivers then end. Destroying the last
  /// copy removes the sync subscribers and actor subscribers added through
  /// it. Throws std::invalid_argument when `cfg.capacity` is 0,
  /// std::logic_error when `sys` was not prepared with configure(),
  /// bus_unavailable when the node cannot be reached.
  static event_bus connect(caf::actor_system& sys, const std::string& host, std::uint16_t port,
                           bus_config cfg = {});
  /// Lets other nodes connect (TLS only when configure() was given TLS);
  /// returns the bound port (`port` 0 = any free one). Without TLS it binds
  /// loopback addresses only, unless bus_config::insecure_plaintext, and a
  /// peer announcing a message above bus_config::message_limit() is
  /// disconnected before anything is reserved for it. Throws
  /// std::invalid_argument for a plain-TCP `bind` beyond loopback that the
  /// configuration does not allow, std::logic_error when the system was not
  /// prepared with configure() or on a connected bus, std::runtime_error
  /// when the port cannot be opened.
  std::uint16_t serve(std::uint16_t port = 0, const std::string& bind = "127.0.0.1");

  /// Publishes `ev` and returns after it was handed to every async receiver
  /// and every sync subscriber that accepts it handled it (or threw). IPC
  /// events get the next `seq` (from 1). Returns the number of async
  /// receivers (and actor subscribers) it was handed to. Must not be called
  /// from a sync subscriber's handler (use bus_context::post). Throws
  /// std::runtime_error when the bus actor is gone (its system shut down).
  std::size_t publish(astrid::event ev);

  /// Publishes `ev` without waiting. Events published from one thread keep
  /// their order, with `publish` too. Never blocks; throws std::bad_alloc only.
  void post(astrid::event ev);

  /// The rate-limited guest path: refuses a payload above max_payload_bytes
  /// ("Payload too large") or beyond throughput_bytes_per_sec for its
  /// (source_id, principal) ("Rate limit exceeded"); otherwise publishes it
  /// like `publish`. Throws std::runtime_error when the bus actor is gone.
  publish_result publish_ipc(astrid::ipc_message msg);

  /// A receiver of every event published from now on. Throws
  /// std::runtime_error when the bus actor is gone.
  event_receiver subscribe(std::string label = "untagged");
  /// A receiver of the IPC events whose topic matches `pattern` (see
  /// topic_pattern_matches). Throws std::runtime_error when the bus actor is gone.
  event_receiver subscribe_topic(std::string pattern, std::string label = "untagged");

  /// A routed subscription for capsule `capsule_uuid`: its own copy of
  /// every IPC event whose topic matches `pattern`, queued per publishing
  /// principal and drained fairly (see routed_receiver). `opts.scope` says
  /// whose events it admits and `opts.gate` when: events out of scope, or
  /// arriving while the gate is not published, are dropped before the
  /// queue (not buffered, not lag) and never wake the receiver. Evictions
  /// and rejections are counted in bus_stats under `opts.capsule_label`
  /// and logged with `opts.subscriber_label`. Routed receivers count in
  /// publish()'s result, not in subscriber_count(). On a connected bus the
  /// route lives on the owning bus, the gate's changes are forwarded to it
  /// (in order with what this node sends it next), and the receiver reads
  /// the route by request (one round trip per recv, try_recv, try_drain
  /// and queued_* call); a lost node closes it. Throws
  /// std::invalid_argument for a malformed pattern, std::runtime_error
  /// when the bus actor is gone, bus_unavailable when a connected bus's
  /// node is.
  routed_receiver subscribe_routed(astrid::uuid capsule_uuid, std::string pattern,
                                   routed_options opts = {});
  /// The older form: `scope` nullopt admits everyone, routed_system_scope
  /// the system only, any other string that principal only; the gate is
  /// always published. Throws as the form above.
  routed_receiver subscribe_routed(astrid::uuid capsule_uuid, std::string pattern,
                                   std::string capsule_label, std::string subscriber_label,
                                   std::optional<std::string> scope = std::nullopt);
  /// Routed subscriptions alive (routed receivers not yet destroyed); on a
  /// connected bus, those of the owning bus (of every node), 0 once it is
  /// gone. Never throws.
  std::size_t routed_subscription_count() const noexcept;

  /// Registers a sync subscriber in its own supervised actor; returns its
  /// id. On a connected bus the object stays and runs on this node, and the
  /// owning bus's publish() waits for its acknowledgement (or for the link
  /// to be lost: then the owning bus removes it and logs it). Throws
  /// std::invalid_argument for a null `s`, std::runtime_error when the bus
  /// actor is gone, bus_unavailable when a connected bus's node is.
  std::uint64_t add_subscriber(std::shared_ptr<subscriber> s);
  /// Removes sync subscriber `id` after its current event; its last
  /// reference held by the bus is dropped on the calling thread. Returns
  /// false when there is no such subscriber (on a connected bus: none added
  /// through this connection). Throws std::runtime_error when the bus actor
  /// is gone, bus_unavailable when a connected bus's node is (the object is
  /// released all the same).
  bool remove_subscriber(std::uint64_t id);

  /// Async receivers + actor subscribers + sync subscribers. Never throws.
  /// On a connected bus this asks the owning node: one round trip, which a
  /// node that stopped answering (frozen, not yet timed out by heartbeats)
  /// can stretch to remote_call_timeout (30 s); 0 once the node is gone.
  std::size_t subscriber_count() const noexcept;
  /// Events a receiver may fall behind before losing the oldest. Never throws.
  std::size_t capacity() const noexcept;
  /// The configuration the bus was made with. Never throws.
  const bus_config& config() const noexcept;
  /// A snapshot of the counters; on a connected bus, the owning bus's.
  /// Throws std::runtime_error when the bus actor is gone, bus_unavailable
  /// when a connected bus's node is.
  bus_stats stats() const;

  /// The bus as an actor (see bus_actor.hpp): from code that is itself an
  /// actor, request, monitor and link through this, never through the
  /// blocking calls above, which would hold a scheduler thread while they
  /// wait. Never throws.
  bus_actor handle() const noexcept;
  /// Makes `who` receive `event_batch`es: every event when `pattern` is
  /// empty, else the IPC events whose topic matches it. Credit-based: at
  /// most `capacity` events unacknowledged; beyond that the oldest pending
  /// ones are dropped and counted in the next batch's `lagged`. Removed when
  /// `who` dies. Returns the subscription id. Throws std::invalid_argument
  /// for an invalid handle, std::runtime_error when the bus actor is gone.
  std::uint64_t subscribe_actor(caf::actor who, std::string pattern = {},
                                std::string label = "untagged");
  /// As above, for an actor that implements the typed `event_sink`.
  std::uint64_t subscribe_actor(event_sink who, std::string pattern = {},
                                std::string label = "untagged");
  /// Ends actor subscription `id`; false when there is no such one. Throws
  /// std::runtime_error when the bus actor is gone.
  bool unsubscribe_actor(std::uint64_t id);

 private:
  event_bus() = default;  // for connect()
  std::shared_ptr<detail::bus_backend> impl_;  // local, or a bus on another node
};

}  // namespace astrid::bus
