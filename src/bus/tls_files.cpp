// check_tls_files: the calls caf-openssl makes when it builds its context
// (certificate chain, private key, verify locations), made once up front
// so that their failures are the caller's input errors, not a crash at the
// first peer. See tls_files.hpp.
#include "bus/tls_files.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

#include <sys/stat.h>

namespace astrid::bus::detail {

namespace {

using ssl_ctx_ptr = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;

[[noreturn]] void fail(const char* what, const std::string& path, const std::string& reason) {
  throw std::invalid_argument{std::string{"TLS "} + what + " '" + path + "': " + reason};
}

// The reason of OpenSSL's first queued error, the innermost ("no start
// line", where the last says "PEM lib"), or `fallback`; clears OpenSSL's
// error queue of this thread.
std::string openssl_reason(const char* fallback) {
  const auto code = ERR_peek_error();
  const char* reason = code == 0 ? nullptr : ERR_reason_error_string(code);
  ERR_clear_error();
  return reason != nullptr ? reason : fallback;
}

// Fails unless `path` names a regular file this process can read.
void require_readable(const char* what, const std::string& path) {
  if (path.empty()) fail(what, path, "no file given");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) fail(what, path, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) fail(what, path, "is a directory");
  if (!S_ISREG(st.st_mode)) fail(what, path, "not a regular file");
  std::ifstream in{path};
  if (!in) fail(what, path, std::strerror(errno != 0 ? errno : EACCES));
  if (st.st_size == 0) fail(what, path, "the file is empty");
}

// A key with a passphrase is refused instead of prompting on the terminal;
// `asked` (a bool) records that OpenSSL wanted one.
int no_passphrase(char*, int, int, void* asked) {
  *static_cast<bool*>(asked) = true;
  return -1;
}

}  // namespace

void check_tls_files(const tls_config& tls) {
  require_readable("certificate", tls.certificate);
  require_readable("key", tls.key);
  require_readable("CA file", tls.ca_file);
  ERR_clear_error();
  ssl_ctx_ptr ctx{SSL_CTX_new(TLS_method()), &SSL_CTX_free};
  if (!ctx) throw std::bad_alloc{};
  bool passphrase_asked = false;
  SSL_CTX_set_default_passwd_cb(ctx.get(), no_passphrase);
  SSL_CTX_set_default_passwd_cb_userdata(ctx.get(), &passphrase_asked);
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), tls.certificate.c_str()) != 1)
    fail("certificate", tls.certificate, openssl_reason("not a PEM certificate"));
  // OpenSSL compares the key with the certificate as it loads it.
  if (SSL_CTX_use_PrivateKey_file(ctx.get(), tls.key.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(ctx.get()) != 1) {
    if (passphrase_asked)
      fail("key", tls.key, "encrypted with a passphrase, which nodes cannot be given");
    if (ERR_GET_REASON(ERR_peek_error()) != X509_R_KEY_VALUES_MISMATCH)
      fail("key", tls.key, openssl_reason("not a PEM private key"));
    fail("key", tls.key,
         "does not belong to the certificate '" + tls.certificate + "' (" +
             openssl_reason("key values mismatch") + ")");
  }
  if (SSL_CTX_load_verify_locations(ctx.get(), tls.ca_file.c_str(), nullptr) != 1)
    fail("CA file", tls.ca_file, openssl_reason("no certificate found"));
  ERR_clear_error();
}

}  // namespace astrid::bus::detail
