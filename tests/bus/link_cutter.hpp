// A TCP relay on loopback between two nodes whose links a test can cut: the
// client connects to the relay's port instead of the bus's, and `cut()`
// closes both ends of every relayed connection at once, so each node sees
// its peer vanish as if the other process died, without that process ending.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace astrid::bus::testing {

/// Relays 127.0.0.1:port() to 127.0.0.1:target until cut or destroyed.
class link_cutter {
 public:
  /// Listens on a free loopback port. Throws std::runtime_error when it cannot.
  explicit link_cutter(std::uint16_t target) : target_{target} {
    listen_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr = loopback(0);
    socklen_t len = sizeof(addr);
    if (listen_ < 0 || ::bind(listen_, as_sockaddr(addr), sizeof(addr)) != 0 ||
        ::listen(listen_, 8) != 0 || ::getsockname(listen_, as_sockaddr(addr), &len) != 0 ||
        ::pipe(wake_.data()) != 0)
      throw std::runtime_error{"link_cutter: cannot listen"};
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread{[this] { run(); }};
  }
  /// Cuts (if not yet) and stops the relay thread.
  ~link_cutter() {
    cut();
    thread_.join();
    ::close(wake_[0]);
    ::close(wake_[1]);
  }
  link_cutter(const link_cutter&) = delete;
  link_cutter& operator=(const link_cutter&) = delete;

  /// The port to connect to instead of the target.
  std::uint16_t port() const noexcept { return port_; }

  /// Closes every relayed connection (both ends) and stops accepting.
  void cut() noexcept {
    if (cut_) return;
    cut_ = true;
    (void)!::write(wake_[1], "x", 1);
  }

 private:
  static sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    return addr;
  }
  static sockaddr* as_sockaddr(sockaddr_in& a) { return reinterpret_cast<sockaddr*>(&a); }
  static void drop(int fd) {
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
  }

  void accept_one(std::vector<std::pair<int, int>>& links) {
    int in = ::accept(listen_, nullptr, nullptr);
    if (in < 0) return;
    int out = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr = loopback(target_);
    if (out < 0 || ::connect(out, as_sockaddr(addr), sizeof(addr)) != 0) {
      ::close(in);
      if (out >= 0) ::close(out);
      return;
    }
    links.emplace_back(in, out);
  }

  // Moves what `from` has to `to`; false when `from` closed (or failed).
  static bool pump(int from, int to) {
    std::array<char, 65536> buf;
    auto n = ::read(from, buf.data(), buf.size());
    if (n <= 0) return false;
    for (ssize_t done = 0; done < n;) {
      auto w = ::write(to, buf.data() + done, static_cast<std::size_t>(n - done));
      if (w <= 0) return false;
      done += w;
    }
    return true;
  }

  void run() {
    std::vector<std::pair<int, int>> links;
    while (true) {
      std::vector<pollfd> fds{{wake_[0], POLLIN, 0}, {listen_, POLLIN, 0}};
      for (auto [a, b] : links) {
        fds.push_back({a, POLLIN, 0});
        fds.push_back({b, POLLIN, 0});
      }
      if (::poll(fds.data(), fds.size(), -1) < 0) continue;
      if (fds[0].revents != 0) break;
      std::vector<std::pair<int, int>> alive;
      for (std::size_t i = 0; i < links.size(); ++i) {
        auto [a, b] = links[i];
        bool ok = true;
        if (fds[2 + 2 * i].revents != 0) ok = pump(a, b);
        if (ok && fds[3 + 2 * i].revents != 0) ok = pump(b, a);
        if (ok) {
          alive.emplace_back(a, b);
        } else {
          drop(a);
          drop(b);
        }
      }
      links = std::move(alive);
      if (fds[1].revents != 0) accept_one(links);
    }
    for (auto [a, b] : links) {
      drop(a);
      drop(b);
    }
    ::close(listen_);
  }

  std::uint16_t target_;
  std::uint16_t port_ = 0;
  int listen_ = -1;
  std::array<int, 2> wake_{-1, -1};
  bool cut_ = false;
  std::thread thread_;
};

}  // namespace astrid::bus::testing
