// TLS between nodes (caf-openssl): nodes holding certificates from the same
// CA talk; a node whose certificate comes from another CA, and a node
// without TLS at all, are refused. Test-only certificates are generated in a
// temporary directory with the openssl command-line tool.
#include "bus/helpers.hpp"
#include "bus/remote_helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

// Two self-signed identities ("node" and "other"), each its own CA.
struct test_certs {
  std::filesystem::path dir;
  test_certs() {
    char tmpl[] = "/tmp/astrid-tls-XXXXXX";
    dir = ::mkdtemp(tmpl);
    for (std::string name : {"node", "other"}) {
      auto cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=" + name +
                 " -keyout " + (dir / (name + "-key.pem")).string() + " -out " +
                 (dir / (name + "-cert.pem")).string() + " 2>/dev/null";
      BOOST_REQUIRE(std::system(cmd.c_str()) == 0);
    }
  }
  ~test_certs() { std::filesystem::remove_all(dir); }
  tls_config identity(const std::string& name) const {
    auto cert = (dir / (name + "-cert.pem")).string();
    return tls_config{cert, (dir / (name + "-key.pem")).string(), cert};
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(remote_tls)

BOOST_AUTO_TEST_CASE(nodes_with_certificates_from_the_same_ca_exchange_events) {
  test_certs certs;
  remote_node server{certs.identity("node")}, client{certs.identity("node")};
  event_bus bus{*server.sys};
  auto remote = event_bus::connect(*client.sys, "127.0.0.1", bus.serve(0));
  auto rx = remote.subscribe_topic("secure.*");
  BOOST_TEST(remote.publish_ipc(ipc_msg("secure.x", 42)).receivers == 1u);
  auto got = bus_fixture_recv(rx, 1);
  BOOST_REQUIRE(got.size() == 1u);
  BOOST_TEST(number_of(*got[0]) == 42);
}

BOOST_AUTO_TEST_CASE(a_node_with_a_certificate_from_another_ca_is_refused) {
  test_certs certs;
  remote_node server{certs.identity("node")}, client{certs.identity("other")};
  event_bus bus{*server.sys};
  const auto port = bus.serve(0);
  BOOST_CHECK_THROW(event_bus::connect(*client.sys, "127.0.0.1", port), bus_unavailable);
}

BOOST_AUTO_TEST_CASE(a_node_without_tls_is_refused) {
  test_certs certs;
  remote_node server{certs.identity("node")}, client;
  event_bus bus{*server.sys};
  const auto port = bus.serve(0);
  BOOST_CHECK_THROW(event_bus::connect(*client.sys, "127.0.0.1", port), bus_unavailable);
}

BOOST_AUTO_TEST_SUITE_END()
