// What the facade checks before a node starts: TLS files (configure and
// check_tls_files), metrics addresses (also in config files), topics and
// patterns, and why a port cannot be listened on (listen_failure).
#include "bus/listen_check.hpp"
#include "bus/tls_files.hpp"

#include <astrid/bus/bus_config.hpp>
#include <astrid/bus/event_bus.hpp>
#include <astrid/bus/topic.hpp>

#include <boost/test/unit_test.hpp>

#include <caf/actor_system_config.hpp>
#include <caf/settings.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace astrid::bus;
using astrid::bus::detail::check_tls_files;
using astrid::bus::detail::listen_failure;

namespace {

// A CA signing "node", and a self-signed "rogue" whose key is not node's.
struct cert_dir {
  std::filesystem::path dir;
  cert_dir() {
    char tmpl[] = "/tmp/astrid-checks-XXXXXX";
    dir = ::mkdtemp(tmpl);
    run("req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=ca -keyout " + at("ca-key.pem") +
        " -out " + at("ca.pem"));
    run("req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=rogue -keyout " +
        at("rogue-key.pem") + " -out " + at("rogue.pem"));
    run("req -newkey rsa:2048 -nodes -subj /CN=node -keyout " + at("node-key.pem") + " -out " +
        at("node.csr"));
    run("x509 -req -in " + at("node.csr") + " -CA " + at("ca.pem") + " -CAkey " +
        at("ca-key.pem") + " -CAcreateserial -days 1 -out " + at("node.pem"));
    run("pkey -in " + at("node-key.pem") + " -aes256 -passout pass:secret -out " +
        at("encrypted-key.pem"));
    write("empty.pem", "");
    write("garbage.pem", "not a certificate\n");
  }
  ~cert_dir() { std::filesystem::remove_all(dir); }
  std::string at(const std::string& name) const { return (dir / name).string(); }
  void run(const std::string& args) const {
    BOOST_REQUIRE(std::system(("openssl " + args + " >/dev/null 2>&1").c_str()) == 0);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream{at(name)} << text;
  }
  tls_config valid() const { return {at("node.pem"), at("node-key.pem"), at("ca.pem")}; }
};

// The message check_tls_files(tls) throws, or "" when it accepts them.
std::string refusal(const tls_config& tls) {
  try {
    check_tls_files(tls);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(input_checks)

BOOST_AUTO_TEST_CASE(valid_tls_files_pass) {
  cert_dir certs;
  BOOST_TEST(refusal(certs.valid()) == "");
}

BOOST_AUTO_TEST_CASE(a_missing_tls_file_is_named_with_the_system_reason) {
  cert_dir certs;
  auto tls = certs.valid();
  tls.key = certs.at("absent.pem");
  BOOST_TEST(refusal(tls) == "TLS key '" + tls.key + "': No such file or directory");
  tls = certs.valid();
  tls.ca_file = certs.dir.string();
  BOOST_TEST(refusal(tls) == "TLS CA file '" + tls.ca_file + "': is a directory");
}

BOOST_AUTO_TEST_CASE(an_empty_or_unparsable_certificate_is_named_with_openssls_reason) {
  cert_dir certs;
  auto tls = certs.valid();
  tls.certificate = certs.at("empty.pem");
  BOOST_TEST(refusal(tls) == "TLS certificate '" + tls.certificate + "': the file is empty");
  tls.certificate = certs.at("garbage.pem");
  BOOST_TEST(refusal(tls) == "TLS certificate '" + tls.certificate + "': no start line");
  tls.certificate = certs.at("node-key.pem");  // a key where the certificate belongs
  BOOST_TEST(refusal(tls) == "TLS certificate '" + tls.certificate + "': no start line");
}

BOOST_AUTO_TEST_CASE(a_key_of_another_certificate_is_refused) {
  cert_dir certs;
  auto tls = certs.valid();
  tls.key = certs.at("rogue-key.pem");
  const auto why = refusal(tls);
  BOOST_TEST(contains(why, "TLS key '" + tls.key + "': does not belong to the certificate '" +
                               tls.certificate + "'"),
             why);
  tls.key = certs.at("node.pem");  // a certificate where the key belongs
  BOOST_TEST(contains(refusal(tls), "TLS key '" + tls.key + "': "));
}

BOOST_AUTO_TEST_CASE(a_key_with_a_passphrase_is_refused_without_prompting) {
  cert_dir certs;
  auto tls = certs.valid();
  tls.key = certs.at("encrypted-key.pem");
  BOOST_TEST(refusal(tls) ==
             "TLS key '" + tls.key + "': encrypted with a passphrase, which nodes cannot be given");
}

BOOST_AUTO_TEST_CASE(a_ca_file_without_certificates_is_refused) {
  cert_dir certs;
  auto tls = certs.valid();
  tls.ca_file = certs.at("garbage.pem");
  BOOST_TEST(refusal(tls) == "TLS CA file '" + tls.ca_file + "': no certificate or crl found");
  tls.ca_file = certs.at("node-key.pem");
  BOOST_TEST(contains(refusal(tls), "TLS CA file '" + tls.ca_file + "': "));
}

BOOST_AUTO_TEST_CASE(configure_refuses_bad_tls_files_and_leaves_the_config_alone) {
  cert_dir certs;
  caf::actor_system_config cfg;
  auto tls = certs.valid();
  tls.certificate = "/nonexistent/astrid.pem";
  BOOST_CHECK_EXCEPTION(configure(cfg, tls), std::invalid_argument, [](const auto& e) {
    return std::string{e.what()} == "TLS certificate '/nonexistent/astrid.pem': No such file or directory";
  });
  BOOST_TEST(caf::get_if(&cfg.content, "middleman.workers") == nullptr);
  BOOST_CHECK_NO_THROW(configure(cfg, certs.valid()));
}

BOOST_AUTO_TEST_CASE(metrics_addresses) {
  BOOST_TEST(!validate_metrics_address(""));
  BOOST_TEST(!validate_metrics_address("9464"));
  BOOST_TEST(!validate_metrics_address("0"));
  BOOST_TEST(!validate_metrics_address("127.0.0.1:65535"));
  BOOST_TEST(!validate_metrics_address("[::1]:9464"));
  BOOST_TEST(*validate_metrics_address("99999") ==
             "expected HOST:PORT or PORT with a port 0-65535, got '99999'");
  BOOST_TEST(validate_metrics_address("host:").has_value());
  BOOST_TEST(validate_metrics_address("host:-1").has_value());
  BOOST_TEST(validate_metrics_address("host:9464x").has_value());
  BOOST_TEST(*validate_metrics_address(":9464") == "expected HOST:PORT or PORT, got ':9464' (no host)");
}

BOOST_AUTO_TEST_CASE(a_bad_metrics_address_in_a_config_names_its_line) {
  try {
    bus_config::parse("capacity = 8\nmetrics = 99999\n", "node.conf");
    BOOST_FAIL("no config_error");
  } catch (const config_error& e) {
    BOOST_TEST(e.line() == 2u);
    BOOST_TEST(e.key() == "metrics");
    BOOST_TEST(std::string{e.what()} ==
               "node.conf:2: key 'metrics': expected HOST:PORT or PORT with a port 0-65535, got "
               "'99999'");
  }
  BOOST_TEST(bus_config::parse("metrics = 127.0.0.1:9464\n").metrics == "127.0.0.1:9464");
}

BOOST_AUTO_TEST_CASE(patterns_and_topics_deeper_than_the_limit_are_named) {
  std::string deep = "a";
  for (int i = 1; i < 25; ++i) deep += ".a";
  BOOST_TEST(*validate_pattern(deep) == "deeper than 20 segments");
  BOOST_TEST(*validate_topic(deep) == "deeper than 20 segments");
  BOOST_TEST(!validate_pattern("astrid.v1.capsule.*.out"));
  BOOST_TEST(!validate_topic("astrid.v1.capsule.a.out"));
  BOOST_TEST(*validate_pattern("a..b") == "empty segment");
  BOOST_TEST(*validate_topic("") == "empty topic");
}

BOOST_AUTO_TEST_CASE(listen_failure_names_a_port_in_use_and_a_name_that_does_not_resolve) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  BOOST_REQUIRE(::listen(fd, 1) == 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const auto port = ntohs(addr.sin_port);
  BOOST_TEST(listen_failure("127.0.0.1", port) == "address already in use");
  ::close(fd);
  BOOST_TEST(listen_failure("127.0.0.1", 0) == "");
  BOOST_TEST(listen_failure("not.a.host.invalid", 0).rfind(
                 "the name 'not.a.host.invalid' does not resolve (", 0) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
