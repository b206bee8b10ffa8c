// listen_failure: getaddrinfo, then socket, bind and listen as CAF makes
// them (SO_REUSEADDR set), on each address until one works (see
// listen_check.hpp).
#include "bus/listen_check.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

namespace astrid::bus::detail {

namespace {

std::string lowercase_first(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

// "" when a socket listens at `ai`, else the reason of the failing call.
std::string try_listen(const addrinfo& ai) {
  const int fd = ::socket(ai.ai_family, ai.ai_socktype, ai.ai_protocol);
  if (fd < 0) return lowercase_first(std::strerror(errno));
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  std::string failure;
  if (::bind(fd, ai.ai_addr, ai.ai_addrlen) != 0 || ::listen(fd, 1) != 0)
    failure = lowercase_first(std::strerror(errno));
  ::close(fd);
  return failure;
}

}  // namespace

std::string listen_failure(const std::string& bind, std::uint16_t port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const auto service = std::to_string(port);
  const int rc = ::getaddrinfo(bind.empty() ? nullptr : bind.c_str(), service.c_str(), &hints, &found);
  if (rc != 0)
    return "the name '" + bind + "' does not resolve (" +
           (rc == EAI_SYSTEM ? std::strerror(errno) : ::gai_strerror(rc)) + ")";
  std::string failure;
  for (const auto* ai = found; ai != nullptr; ai = ai->ai_next) {
    failure = try_listen(*ai);
    if (failure.empty()) break;
  }
  ::freeaddrinfo(found);
  return failure;
}

}  // namespace astrid::bus::detail
