// The TLS files of a node, checked before the node starts: caf-openssl
// reads them only at the first handshake, where a missing file or a key
// that is not the certificate's ends the process instead of one link.
#pragma once

#include <astrid/bus/event_bus.hpp>

namespace astrid::bus::detail {

/// Checks that the files of `tls` exist, are readable regular files and
/// parse as caf-openssl will read them: `certificate` a PEM certificate
/// chain, `key` a PEM private key without passphrase that belongs to that
/// certificate, `ca_file` one or more PEM certificates. Throws
/// std::invalid_argument naming the file and the reason (OpenSSL's reason
/// for one that does not parse) for the first one that fails; throws
/// std::bad_alloc otherwise only.
void check_tls_files(const tls_config& tls);

}  // namespace astrid::bus::detail
