// bus_config::from_file: defaults, the shipped file, and errors that name
// the file, the line and the key.
#include "bus/helpers.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <fstream>

using namespace astrid::bus;

namespace {

// A temporary config file with `text`; removed at scope end.
struct temp_config {
  std::string path;
  explicit temp_config(const std::string& text) {
    static int counter = 0;
    path = "/tmp/astrid-bus-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".conf";
    std::ofstream{path} << text;
  }
  ~temp_config() { std::remove(path.c_str()); }
};

// The config_error from_file(text) throws (or fails the test).
config_error error_for(const std::string& text, std::string& path) {
  temp_config file{text};
  path = file.path;
  try {
    bus_config::from_file(file.path);
  } catch (const config_error& e) {
    return e;
  }
  BOOST_FAIL("no config_error for: " + text);
  throw std::logic_error{"unreachable"};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_files)

BOOST_AUTO_TEST_CASE(the_defaults_are_those_of_the_reference) {
  bus_config cfg;
  BOOST_CHECK_EQUAL(cfg.capacity, 1024u);
  BOOST_CHECK_EQUAL(cfg.max_payload_bytes, 5u * 1024 * 1024);
  BOOST_CHECK_EQUAL(cfg.throughput_bytes_per_sec, 10u * 1024 * 1024);
}

BOOST_AUTO_TEST_CASE(a_file_sets_every_key_with_comments_and_blank_lines) {
  temp_config file{"# comment\n\ncapacity = 64\nmax_payload_bytes=100 # trailing\n"
                   "throughput_bytes_per_sec = 2000\nlog_level = \"warn\"\nscheduler_threads = 2\n"
                   "call_timeout_ms = 250\n"};
  auto cfg = bus_config::from_file(file.path);
  BOOST_CHECK_EQUAL(cfg.capacity, 64u);
  BOOST_CHECK_EQUAL(cfg.max_payload_bytes, 100u);
  BOOST_CHECK_EQUAL(cfg.throughput_bytes_per_sec, 2000u);
  BOOST_CHECK_EQUAL(cfg.log_level, "warn");
  BOOST_CHECK_EQUAL(cfg.scheduler_threads, 2u);
  BOOST_CHECK_EQUAL(cfg.call_timeout_ms, 250u);
}

BOOST_AUTO_TEST_CASE(the_shipped_config_file_loads) {
  auto cfg = bus_config::from_file(ASTRID_TEST_DATA_DIR "/../../config/astrid-bus.conf");
  BOOST_CHECK_EQUAL(cfg.capacity, 1024u);
}

BOOST_AUTO_TEST_CASE(config_file_errors_name_the_file_the_line_and_the_key) {
  struct bad {
    std::string text;
    std::size_t line;
    std::string key;
  };
  const std::vector<bad> cases{
      {"capacity = 1\nno_such_key = 3\n", 2, "no_such_key"},
      {"# c\n\ncapacity = lots\n", 3, "capacity"},
      {"capacity = 0\n", 1, "capacity"},
      {"max_payload_bytes = -5\n", 1, "max_payload_bytes"},
      {"log_level = loud\n", 1, "log_level"},
      {"capacity = 8\ncapacity = 9\n", 2, "capacity"},
      {"scheduler_threads = 2x\n", 1, "scheduler_threads"},
      {"call_timeout_ms = soon\n", 1, "call_timeout_ms"},
      {"just words\n", 1, "just words"},
  };
  for (const auto& c : cases) {
    std::string path;
    auto e = error_for(c.text, path);
    BOOST_TEST_CONTEXT(c.text) {
      BOOST_CHECK_EQUAL(e.file(), path);
      BOOST_CHECK_EQUAL(e.line(), c.line);
      BOOST_CHECK_EQUAL(e.key(), c.key);
      const std::string what = e.what();
      BOOST_CHECK(what.find(path + ":" + std::to_string(c.line)) != std::string::npos);
      BOOST_CHECK(what.find("'" + c.key + "'") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_an_error_naming_it) {
  try {
    bus_config::from_file("/nonexistent/astrid.conf");
    BOOST_FAIL("no error");
  } catch (const config_error& e) {
    BOOST_CHECK(std::string{e.what()}.find("/nonexistent/astrid.conf") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
