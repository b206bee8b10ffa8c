// The knobs of a bus, with the reference's defaults, and the reader for
// config/astrid-bus.conf. A typo in a config file must stop the program with
// the file, line and key, not be ignored (CAF's own INI reader drops them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace caf {
class actor_system_config;
}

namespace astrid::bus {

/// A configuration file that cannot be read or has a bad line.
/// `what()` reads "<file>:<line>: key '<key>': <problem>".
class config_error : public std::runtime_error {
 public:
  /// An error about `key` at `line` (0 = the file as a whole) of `file`.
  config_error(std::string file, std::size_t line, std::string key, const std::string& problem);
  /// The file that was read.
  const std::string& file() const noexcept { return file_; }
  /// The 1-based line of the problem (0 when the file could not be opened).
  std::size_t line() const noexcept { return line_; }
  /// The key of the bad line ("" when there was no key).
  const std::string& key() const noexcept { return key_; }

 private:
  std::string file_;
  std::size_t line_;
  std::string key_;
};

/// Why `address` is not where metrics can be served, or nullopt when it
/// is: "HOST:PORT" or a bare "PORT" (meaning 127.0.0.1), the port a decimal
/// 0-65535, the host not empty; "" (serve none) is valid too. Throws
/// std::bad_alloc only.
std::optional<std::string> validate_metrics_address(std::string_view address);

/// Settings of one bus. Defaults are those of the reference (astrid-events).
struct bus_config {
  /// Events a receiver may fall behind before it loses the oldest ones.
  std::size_t capacity = 1024;
  /// Hard cap on one IPC payload (5 MiB): one guest message cannot exhaust memory.
  std::size_t max_payload_bytes = 5 * 1024 * 1024;
  /// Bytes per rolling second each (source, principal) may publish (10 MiB/s).
  std::size_t throughput_bytes_per_sec = 10 * 1024 * 1024;
  /// Events one principal may have queued on one routed subscription before
  /// its oldest is evicted (16,384). The reference 0.8.0 held 256; 0.9.4
  /// raised it because LLM token streams at ~2,000 events/s lost events, the
  /// terminal Done among them. The 1 MiB route budget still bounds memory.
  std::size_t routed_principal_cap = 16384;
  /// spdlog level of the bus logger: trace, debug, info, warn, error, off.
  std::string log_level = "info";
  /// CAF scheduler worker threads; 0 = CAF's default (one per core, at least 4).
  std::size_t scheduler_threads = 0;
  /// How long (ms) a blocking call of a local bus (publish, publish_ipc,
  /// subscribe..., add_subscriber, remove_subscriber, stats) waits for the
  /// bus's actors before it throws std::runtime_error (0 = forever). A call
  /// made from inside an actor can wait forever when every scheduler thread
  /// is blocked the same way: actors use event_bus::handle() instead.
  std::size_t call_timeout_ms = 60000;

  // -- node settings: serving and connecting (astrid-bus serve / tail / pub) --
  /// Address `astrid-bus serve` binds to.
  std::string bind = "127.0.0.1";
  /// Port `astrid-bus serve` listens on (0 = any free port).
  std::uint16_t port = 7420;
  /// TLS between nodes: this node's certificate, key and the CA (PEM paths);
  /// all three or none.
  std::string tls_certificate;
  std::string tls_key;
  std::string tls_ca_file;
  /// CAF middleman heartbeat interval in ms (0 = off): lets a peer that goes
  /// silent without closing (SIGSTOP, pulled cable) be detected.
  std::size_t heartbeat_interval_ms = 1000;
  /// A peer silent for this long (ms) is dropped (0 = never).
  std::size_t connection_timeout_ms = 10000;
  /// Largest message another node may send over a plain TCP link, in bytes
  /// (0: see message_limit()). A peer that announces a larger one is
  /// disconnected before anything is reserved for it; nodes that talk to
  /// each other should agree on it.
  std::size_t max_message_bytes = 0;
  /// Where `astrid-bus serve` serves its metrics for Prometheus: "HOST:PORT",
  /// or a bare "PORT" for 127.0.0.1; empty (the default) serves none.
  std::string metrics;
  /// Distinct values a user-given metrics label (receiver and capsule
  /// labels) takes before the rest are counted under "other".
  std::size_t metrics_label_limit = 100;
  /// Lets serve() listen without TLS on an address other than loopback.
  /// Off by default (as Redis's protected mode): any host that reaches the
  /// port could then read and publish every event.
  bool insecure_plaintext = false;

  /// max_message_bytes, or when it is 0 twice max_payload_bytes plus 1 MiB
  /// (11 MiB by default): room for the largest payload even where the node
  /// format spends more bytes on it than its JSON does. Never throws.
  std::size_t message_limit() const noexcept {
    if (max_message_bytes > 0) return max_message_bytes;
    return 2 * max_payload_bytes + (std::size_t{1} << 20);
  }

  /// Reads `key = value` lines (`#` starts a comment, blank lines are
  /// ignored) over the defaults. Throws config_error when the file cannot be
  /// opened, a line has no '=', a key is unknown or repeated, or a value is
  /// not valid for its key (capacity, routed_principal_cap and byte sizes
  /// must be positive integers, log_level one of the names above, metrics
  /// an address validate_metrics_address accepts).
  static bus_config from_file(const std::string& path);

  /// Reads `key = value` lines from `text` as from_file reads a file; errors
  /// name `source` as the file. Throws config_error as from_file does.
  static bus_config parse(std::string_view text, const std::string& source = "<config>");

  /// Sets the CAF options this configuration implies on `cfg`, before the
  /// actor system is created: scheduler threads and the middleman heartbeat
  /// interval and connection timeout (each when non-zero), and work stealing
  /// without CAF's sleeping "moderate" polls (lower publish latency).
  /// Never throws.
  void apply(caf::actor_system_config& cfg) const;
};

}  // namespace astrid::bus
