// Fuzzes the configuration-file reader: any text either gives a
// configuration or a config_error naming the line; nothing else.
#include <astrid/bus/bus_config.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  try {
    auto cfg = astrid::bus::bus_config::parse(text, "fuzz.conf");
    (void)cfg.message_limit();
  } catch (const astrid::bus::config_error&) {
  }
  return 0;
}
