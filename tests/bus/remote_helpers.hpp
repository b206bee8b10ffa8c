// Helpers of the remote suites: an actor system prepared with configure()
// (a "node"), bounded waits on conditions, a raw TCP client that writes
// garbage to a bus port, and a TCP relay whose links a test can cut.
#pragma once

#include "bus/helpers.hpp"

#include <astrid/bus.hpp>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace astrid::bus::testing {

/// An actor system prepared with configure() (optionally TLS), 2 workers.
/// Destroy its buses and receivers first.
struct remote_node {
  explicit remote_node(std::optional<tls_config> tls = std::nullopt) {
    configure(cfg, std::move(tls));
    cfg.set("scheduler.max-threads", 2);
    sys = std::make_unique<caf::actor_system>(cfg);
  }
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
};

/// Receives up to `n` events, giving up when none arrives for 10 s.
inline std::vector<event_ptr> bus_fixture_recv(event_receiver& rx, std::size_t n) {
  std::vector<event_ptr> out;
  while (out.size() < n) {
    auto ev = rx.recv(std::chrono::seconds{10});
    if (!ev) break;
    out.push_back(std::move(*ev));
  }
  return out;
}

/// Waits until `cond` on a bus's state holds, or 10 s passed; returns
/// whether it held. The bus logs every subscription it drops after dropping
/// it, so `cond` is re-checked at each logged line instead of polled.
inline bool wait_until(const std::function<bool()>& cond) {
  return log_capture::wait_until(cond, std::chrono::seconds{10});
}

/// Connects to 127.0.0.1:`port`, writes `bytes` and waits until the server
/// closes the connection (or 10 s); returns whether it did.
inline bool send_and_wait_for_close(std::uint16_t port, const std::vector<char>& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return false;
  }
  (void)!::write(fd, bytes.data(), bytes.size());
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  char buf[256];
  bool closed = false;
  while (true) {
    auto n = ::read(fd, buf, sizeof(buf));
    if (n == 0) closed = true;
    if (n <= 0) break;
  }
  ::close(fd);
  return closed;
}

/// Writes bytes that are no BASP handshake to 127.0.0.1:`port` and waits
/// until the server closes the connection (or 10 s).
inline bool send_garbage(std::uint16_t port) {
  std::vector<char> junk(4096);
  for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>(i * 131 + 7);
  junk[0] = static_cast<char>(0xff);  // no BASP operation has this code
  return send_and_wait_for_close(port, junk);
}

/// A 32-byte BASP header of a client handshake announcing a payload of
/// `payload_len` bytes, and nothing after it: what a peer sends to make a
/// node reserve memory for a message that never comes.
inline std::vector<char> basp_handshake_header(std::uint32_t payload_len) {
  std::vector<char> h(32, 0);
  h[0] = 0x01;  // client_handshake; padding and flags zero
  for (int i = 0; i < 4; ++i) h[4 + i] = static_cast<char>(payload_len >> (24 - 8 * i));
  h[15] = 1;  // operation_data: any non-zero
  return h;
}

}  // namespace astrid::bus::testing
