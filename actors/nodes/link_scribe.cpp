// The scribe of a link between nodes (see link_scribe.hpp).
#include "actors/nodes/link_scribe.hpp"

#include "core/read_framer.hpp"

#include <caf/intrusive_ptr.hpp>
#include <caf/io/network/default_multiplexer.hpp>
#include <caf/io/network/operation.hpp>
#include <caf/io/network/scribe_impl.hpp>
#include <caf/io/receive_policy.hpp>
#include <caf/make_counted.hpp>

#include <sys/socket.h>
#include <sys/types.h>

#include <utility>

namespace astrid::bus::detail {

namespace {

namespace net = caf::io::network;
using caf::io::receive_policy;
using caf::io::receive_policy_flag;

core::read_rule rule_of(receive_policy_flag flag) {
  switch (flag) {
    case receive_policy_flag::exactly: return core::read_rule::exactly;
    case receive_policy_flag::at_most: return core::read_rule::at_most;
    case receive_policy_flag::at_least: break;
  }
  return core::read_rule::at_least;
}

class link_scribe final : public net::scribe_impl {
 public:
  link_scribe(net::default_multiplexer& mx, net::native_socket fd, link_guard g)
      : net::scribe_impl{mx, fd}, guard_{std::move(g)} {
    // The stream reports each write it completes, so that flush() knows
    // when the bytes it handed over are gone and it may write directly again.
    stream_.ack_writes(true);
  }

  // The broker's next request: recorded for the framer. The stream itself
  // always reads as much as is there, up to link_read_ahead.
  void configure_read(receive_policy::config config) override {
    if (config.second > guard_.limit) return refuse(config.second);
    if (config.second == 0) config = receive_policy::at_least(0);  // what is there
    framer_.want(rule_of(config.first), config.second);
    if (!launched_) net::scribe_impl::configure_read(receive_policy::at_most(link_read_ahead));
  }

  // Bytes the stream read: handed to the broker in the pieces it asked for.
  bool consume(caf::execution_unit* ctx, const void* data, std::size_t n) override {
    return framer_.feed(static_cast<const char*>(data), n, [&](const char* piece, std::size_t len) {
      if (refused_) return false;
      piece_.assign(piece, piece + len);
      return caf::io::scribe::consume(ctx, piece_.data(), len);  // reads piece_ via rd_buf()
    });
  }

  // What scribe::consume hands the broker: the current piece, not the
  // stream's read buffer.
  std::vector<char>& rd_buf() override { return piece_; }

  void flush() override {
    if (!handed_over_ && send_now()) return;
    handed_over_ = true;
    net::scribe_impl::flush();
  }

  void ack_writes(bool enable) override { broker_wants_acks_ = enable; }

  void data_transferred(caf::execution_unit* ctx, std::size_t written,
                        std::size_t remaining) override {
    if (broker_wants_acks_) caf::io::scribe::data_transferred(ctx, written, remaining);
    if (remaining == 0 && stream_.wr_buf().empty()) handed_over_ = false;
  }

 private:
  // Sends what the broker wrote. True when all of it left; otherwise the
  // rest stays in the buffer for the stream (which also reports an error
  // the socket has).
  bool send_now() {
    auto& buf = stream_.wr_buf();
    if (buf.empty()) return true;
    const auto sent = ::send(stream_.fd(), buf.data(), buf.size(), net::no_sigpipe_io_flag);
    if (sent <= 0) return false;
    buf.erase(buf.begin(), buf.begin() + sent);
    return buf.empty();
  }

  // Stops reading from this peer and closes the connection from the
  // multiplexer's loop, once the broker's handler that asked has returned,
  // just as a socket closed by the peer is closed.
  void refuse(std::size_t announced) {
    if (refused_) return;
    refused_ = true;
    guard_.shared->metrics.add_refused_message();
    guard_.shared->log->warn(
        "security: peer {}:{} announced a message of {} bytes, above max_message_bytes={}; "
        "connection closed",
        addr(), port(), announced, guard_.limit);
    remove_from_loop();
    auto& mx = stream_.backend();
    caf::intrusive_ptr<link_scribe> self{this};
    mx.post([self, &mx] { self->io_failure(&mx, net::operation::read); });
  }

  link_guard guard_;
  core::read_framer framer_;
  std::vector<char> piece_;
  bool refused_ = false;
  bool handed_over_ = false;  // the stream owns unsent bytes: flushes queue behind them
  bool broker_wants_acks_ = false;
};

}  // namespace

caf::io::scribe_ptr make_link_scribe(net::default_multiplexer& mx, net::native_socket fd,
                                     link_guard guard) {
  return caf::make_counted<link_scribe>(mx, fd, std::move(guard));
}

}  // namespace astrid::bus::detail
