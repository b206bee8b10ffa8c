// The Prometheus export of a bus (astrid/bus/prometheus.hpp): the page the
// metrics endpoint serves over HTTP holds exactly what the bus did, under
// our names and the reference's, and a label that comes from users cannot
// make more series than its limit.
#include "bus/helpers.hpp"
#include "bus/routed_helpers.hpp"

#include <astrid/bus/prometheus.hpp>

#include <boost/test/unit_test.hpp>

#include <prometheus/metric_family.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace astrid::bus;
using namespace astrid::bus::testing;

namespace {

// GET http://127.0.0.1:port/metrics; the body.
std::string scrape(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    throw std::runtime_error{"cannot reach the metrics endpoint"};
  }
  const std::string request = "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  (void)!::write(fd, request.data(), request.size());
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) response.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  const auto body = response.find("\r\n\r\n");
  return body == std::string::npos ? std::string{} : response.substr(body + 4);
}

// Sample lines of a text-format page: "name{labels}" -> value.
std::map<std::string, double> samples(const std::string& page) {
  std::map<std::string, double> out;
  std::istringstream in{page};
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.rfind(' ');
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

// Takes custom events only, and throws on odd numbers.
struct thrower : recording_subscriber {
  thrower() : recording_subscriber{"thrower"} {}
  bool accepts(const astrid::event& ev) const override { return !astrid::as_ipc(ev); }
  void on_event(const astrid::event& ev, bus_context& ctx) override {
    if (number_of(ev) % 2 != 0) throw std::runtime_error{"odd"};
    recording_subscriber::on_event(ev, ctx);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(metrics_export, test::bus_fixture)

BOOST_AUTO_TEST_CASE(the_scraped_page_holds_exactly_what_the_bus_did) {
  bus_config cfg;
  cfg.capacity = 4;
  cfg.max_payload_bytes = 64;
  cfg.throughput_bytes_per_sec = 50;
  reset_bus(cfg);
  metrics_endpoint endpoint{bus(), "127.0.0.1:0"};
  BOOST_REQUIRE(endpoint.port() > 0);

  bus().add_subscriber(std::make_shared<thrower>());  // crashes on odd numbers
  auto slow = bus().subscribe("slow");               // never read while 10 arrive
  for (int i = 0; i < 10; ++i) bus().publish(custom("n", i));
  BOOST_TEST(slow.drain_lagged() == 6u);
  const auto guest = astrid::uuid::random();
  std::size_t accepted = 0, too_fast = 0;
  for (int i = 0; i < 10; ++i) {  // ~10 bytes each against a ceiling of 50 per second
    auto r = bus().publish_ipc(ipc_msg("guest.out", i, guest));
    (r.accepted ? accepted : too_fast) += 1;
  }
  auto big = ipc_msg("guest.out", 0, astrid::uuid::random());
  big.payload = astrid::payloads::custom{nlohmann::json(std::string(100, 'x'))};
  BOOST_TEST(!bus().publish_ipc(big).accepted);

  const auto text = scrape(endpoint.port());
  BOOST_TEST_MESSAGE(text);
  const auto page = samples(text);
  BOOST_TEST(page.at(R"(astrid_bus_events_published_total{kind="custom",event_kind="custom"})") ==
             10);
  BOOST_TEST(page.at(R"(astrid_bus_events_published_total{kind="ipc",event_kind="ipc"})") ==
             double(accepted));
  BOOST_TEST(page.at("astrid_bus_subscriber_crashes_total") == 5);
  BOOST_TEST(page.at("astrid_bus_subscriber_restarts_total") == 5);
  BOOST_TEST(page.at("astrid_bus_events_lagged_total{subscriber=\"slow\"}") == 6);
  BOOST_TEST(page.at("astrid_bus_ipc_rejected_total{reason=\"rate_limit_exceeded\"}") ==
             double(too_fast));
  BOOST_TEST(page.at("astrid_bus_ipc_rejected_total{reason=\"payload_too_large\"}") == 1);
  BOOST_TEST(page.at("astrid_bus_subscribers{kind=\"receiver\"}") == 1);
  BOOST_TEST(page.at("astrid_bus_subscribers{kind=\"sync\"}") == 1);
  BOOST_TEST(page.at("astrid_bus_nodes_connected") == 0);
  BOOST_TEST(page.count("astrid_bus_deliveries_total") == 1u);
  BOOST_TEST(too_fast > 0u);
}

BOOST_AUTO_TEST_CASE(the_reference_metric_names_hold_what_ours_hold) {
  bus_config cfg;
  cfg.capacity = 4;
  reset_bus(cfg);
  metrics_endpoint endpoint{bus(), "127.0.0.1:0"};
  // One route: alice fills its 1 MiB budget, her next event evicts her
  // oldest, and an agent's event larger than the whole budget is refused.
  auto route = bus().subscribe_routed(astrid::uuid::random(), "t.*", "capsule-r", "sub-r",
                                      std::nullopt);
  for (int i = 0; i < 11; ++i) bus().publish(sized_ipc("alice", 100'000));
  BOOST_TEST(bus().publish(sized_ipc("agent.x", (std::size_t{1} << 20) + 1)) == 0u);
  auto slow = bus().subscribe("slow");  // never read while 10 arrive
  for (int i = 0; i < 10; ++i) bus().publish(custom("n", i));
  BOOST_TEST(slow.drain_lagged() == 6u);

  const auto text = scrape(endpoint.port());
  BOOST_TEST_MESSAGE(text);
  const auto page = samples(text);
  BOOST_TEST(page.at(R"(astrid_bus_events_published_total{kind="ipc",event_kind="ipc"})") == 12);
  BOOST_TEST(page.at(R"(astrid_bus_receiver_lagged_total{subscriber="slow"})") == 6);
  BOOST_TEST(page.at(R"(astrid_bus_events_lagged_total{subscriber="slow"})") == 6);
  // The reference's evictions are our evictions and rejections together.
  const std::string user = R"({capsule="capsule-r",principal_class="user"})";
  const std::string agent = R"({capsule="capsule-r",principal_class="agent"})";
  BOOST_TEST(page.at("astrid_capsule_route_byte_evictions_total" + user) == 1);
  BOOST_TEST(page.at("astrid_capsule_route_byte_evictions_total" + agent) == 1);
  BOOST_TEST(page.at("astrid_bus_routed_evicted_total" + user) == 1);
  BOOST_TEST(page.at("astrid_bus_routed_rejected_total" + agent) == 1);
  // Not measured here, so not exported: no invented zeros.
  BOOST_TEST(text.find("astrid_capsule_route_quantum_starved_total") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(ten_thousand_receiver_labels_make_at_most_limit_plus_one_series) {
  bus_config cfg;
  cfg.capacity = 1;
  reset_bus(cfg);
  std::vector<event_receiver> receivers;
  for (int i = 0; i < 10'000; ++i) receivers.push_back(bus().subscribe("rx-" + std::to_string(i)));
  bus().publish(custom("n", 1));
  bus().publish(custom("n", 2));  // each receiver loses event 1
  for (auto& rx : receivers) BOOST_REQUIRE(rx.drain_lagged() == 1u);
  auto collector = make_collector(bus(), metrics_options{100});
  for (int scrape_no = 0; scrape_no < 2; ++scrape_no) {  // the choice of series is sticky
    for (const auto& f : collector->Collect()) {
      const bool lag = f.name == "astrid_bus_events_lagged_total" ||
                       f.name == "astrid_bus_receiver_lagged_total";  // the reference's name
      if (!lag) continue;
      BOOST_TEST(f.metric.size() == 101u);
      double total = 0, other = 0;
      for (const auto& m : f.metric) {
        total += m.counter.value;
        if (m.label.at(0).value == "other") other = m.counter.value;
      }
      BOOST_TEST(total == 10'000);
      BOOST_TEST(other == 9'900);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_metrics_address_of_another_form_is_refused) {
  BOOST_CHECK_THROW((metrics_endpoint{bus(), "localhost:http"}), std::invalid_argument);
  BOOST_CHECK_THROW((metrics_endpoint{bus(), "127.0.0.1:99999"}), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
