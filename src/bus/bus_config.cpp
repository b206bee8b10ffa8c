// bus_config::from_file: a strict reader for config/astrid-bus.conf. CAF's
// own INI reader silently drops a mistyped value; a bus started with a
// default it did not ask for is worse than one that refuses to start.
#include <astrid/bus/bus_config.hpp>

#include <array>
#include <charconv>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

namespace astrid::bus {

namespace {

constexpr std::array<std::string_view, 7> log_levels{"trace", "debug", "info", "warn",
                                                     "error", "critical", "off"};

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

// A decimal integer, whole value; nullopt on anything else or overflow.
std::optional<std::size_t> parse_size(std::string_view s) {
  std::size_t value = 0;
  const auto* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (s.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

struct line_reader {
  const std::string& file;
  std::size_t line;

  [[noreturn]] void fail(std::string_view key, const std::string& problem) const {
    throw config_error{file, line, std::string{key}, problem};
  }

  std::size_t positive(std::string_view key, std::string_view value) const {
    auto n = parse_size(value);
    if (!n || *n == 0) fail(key, "expected a positive integer, got '" + std::string{value} + "'");
    return *n;
  }

  // The node settings (bind, port, TLS files, heartbeat); false for other keys.
  bool apply_node(bus_config& cfg, std::string_view key, std::string_view value) const {
    if (key == "bind") {
      cfg.bind = std::string{value};
    } else if (key == "port") {
      auto n = parse_size(value);
      if (!n || *n > 65535) fail(key, "expected a port 0-65535, got '" + std::string{value} + "'");
      cfg.port = static_cast<std::uint16_t>(*n);
    } else if (key == "tls_certificate" || key == "tls_key" || key == "tls_ca_file") {
      (key == "tls_key" ? cfg.tls_key : key == "tls_ca_file" ? cfg.tls_ca_file
                                                             : cfg.tls_certificate) = std::string{value};
    } else if (key == "max_message_bytes") {
      auto n = parse_size(value);
      if (!n) fail(key, "expected a non-negative integer, got '" + std::string{value} + "'");
      cfg.max_message_bytes = *n;
    } else if (key == "metrics") {
      if (auto problem = validate_metrics_address(value)) fail(key, *problem);
      cfg.metrics = std::string{value};
    } else if (key == "metrics_label_limit") {
      cfg.metrics_label_limit = positive(key, value);
    } else if (key == "insecure_plaintext") {
      if (value != "true" && value != "false")
        fail(key, "expected true or false, got '" + std::string{value} + "'");
      cfg.insecure_plaintext = value == "true";
    } else if (key == "heartbeat_interval_ms" || key == "connection_timeout_ms") {
      auto n = parse_size(value);
      if (!n) fail(key, "expected a non-negative integer, got '" + std::string{value} + "'");
      (key == "heartbeat_interval_ms" ? cfg.heartbeat_interval_ms : cfg.connection_timeout_ms) = *n;
    } else {
      return false;
    }
    return true;
  }

  void apply(bus_config& cfg, std::string_view key, std::string_view value) const {
    if (key == "capacity") {
      cfg.capacity = positive(key, value);
    } else if (key == "max_payload_bytes") {
      cfg.max_payload_bytes = positive(key, value);
    } else if (key == "throughput_bytes_per_sec") {
      cfg.throughput_bytes_per_sec = positive(key, value);
    } else if (key == "routed_principal_cap") {
      cfg.routed_principal_cap = positive(key, value);
    } else if (key == "call_timeout_ms") {
      auto n = parse_size(value);
      if (!n) fail(key, "expected a non-negative integer, got '" + std::string{value} + "'");
      cfg.call_timeout_ms = *n;
    } else if (key == "scheduler_threads") {
      auto n = parse_size(value);
      if (!n) fail(key, "expected a non-negative integer, got '" + std::string{value} + "'");
      cfg.scheduler_threads = *n;
    } else if (key == "log_level") {
      for (auto level : log_levels)
        if (value == level) {
          cfg.log_level = std::string{value};
          return;
        }
      fail(key, "expected trace, debug, info, warn, error, critical or off, got '" +
                    std::string{value} + "'");
    } else if (apply_node(cfg, key, value)) {
      return;
    } else {
      fail(key, "unknown key");
    }
  }
};

}  // namespace

std::optional<std::string> validate_metrics_address(std::string_view address) {
  if (address.empty()) return std::nullopt;
  const auto colon = address.rfind(':');
  const auto digits = colon == std::string_view::npos ? address : address.substr(colon + 1);
  const auto port = parse_size(digits);
  if (colon == 0)
    return "expected HOST:PORT or PORT, got '" + std::string{address} + "' (no host)";
  if (!port || *port > 65535)
    return "expected HOST:PORT or PORT with a port 0-65535, got '" + std::string{address} + "'";
  return std::nullopt;
}

config_error::config_error(std::string file, std::size_t line, std::string key,
                           const std::string& problem)
    : std::runtime_error{file + ":" + std::to_string(line) + ": key '" + key + "': " + problem},
      file_{std::move(file)},
      line_{line},
      key_{std::move(key)} {}

bus_config bus_config::from_file(const std::string& path) {
  std::ifstream in{path};
  if (!in) throw config_error{path, 0, "", "cannot open the file"};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw config_error{path, 0, "", "cannot read the file"};
  return parse(text.str(), path);
}

bus_config bus_config::parse(std::string_view text, const std::string& source) {
  bus_config cfg;
  std::set<std::string, std::less<>> seen;
  std::size_t number = 0;
  while (!text.empty() || number == 0) {
    ++number;
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    line_reader reader{source, number};
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) reader.fail(line, "expected 'key = value'");
    const auto key = trim(line.substr(0, eq));
    const auto value = unquote(trim(line.substr(eq + 1)));
    if (key.empty()) reader.fail(key, "missing key before '='");
    if (!seen.emplace(key).second) reader.fail(key, "given more than once");
    reader.apply(cfg, key, value);
  }
  return cfg;
}

}  // namespace astrid::bus
