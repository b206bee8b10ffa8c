// Why a node could not listen: CAF's publish reports "tcp socket creation
// failed" and drops errno, so serve() asks the system again for the cause.
#pragma once

#include <cstdint>
#include <string>

namespace astrid::bus::detail {

/// What stops a TCP socket from listening on `bind`:`port` ("" = any
/// address): "the name 'X' does not resolve (REASON)" when getaddrinfo
/// fails, else the reason of the first failing socket call in lower case
/// ("address already in use", "cannot assign requested address"), or ""
/// when a socket can listen there now. Throws std::bad_alloc only.
std::string listen_failure(const std::string& bind, std::uint16_t port);

}  // namespace astrid::bus::detail
