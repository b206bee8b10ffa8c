// Fuzzes the tool's line readers, the code `astrid-bus pub -` and
// `astrid-bus codec` run on every input line: a pub line is a payload or a
// decode_error; a codec line always gives one output line, for every kind
// and operation.
#include "cli/line_readers.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line{reinterpret_cast<const char*>(data), size};
  try {
    (void)astrid::cli::pub_payload(line);
  } catch (const astrid::decode_error&) {
  }
  for (const auto& kind : astrid::cli::codec_kinds()) {
    for (const char* op : {"roundtrip", "from-json-value", "guest-bytes"}) {
      const auto codec = astrid::cli::select_codec(kind, op);
      if (!codec) continue;
      const auto out = astrid::cli::codec_line(codec, line);
      if (out.find('\n') != std::string::npos) std::abort();  // one line out per line in
    }
  }
  return 0;
}
