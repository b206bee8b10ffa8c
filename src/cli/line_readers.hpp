// What the tool makes of one line of input: a `pub` payload, or a `codec`
// conversion. Kept apart from the commands so that the fuzzers drive the
// very functions the commands use (fuzz/).
#pragma once

#include <astrid/messages.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace astrid::cli {

/// The payload one `pub` input line stands for: an IpcPayload when the line
/// is a JSON object with a "type" (decoded strictly), custom data for any
/// other JSON. Throws astrid::decode_error naming what is wrong: text that
/// is not JSON, or a payload that does not decode.
astrid::ipc_payload pub_payload(std::string_view line);

/// One `codec` conversion: a decoded input value to its output line.
using line_codec = std::function<std::string(const nlohmann::json&)>;

/// The schema kinds `codec --kind` accepts, sorted. Throws std::bad_alloc only.
std::vector<std::string> codec_kinds();

/// The conversion for `kind` and `op` (roundtrip, from-json-value,
/// guest-bytes), or an empty function when `op` does not apply to `kind`.
/// Throws std::out_of_range for a kind not in codec_kinds().
line_codec select_codec(const std::string& kind, const std::string& op);

/// The output line (without its newline) for one input line: the canonical
/// encoding, or `{"error":"..."}` naming what is wrong. A trailing '\r' is
/// ignored. Never throws for bad input; throws std::bad_alloc only.
std::string codec_line(const line_codec& codec, std::string_view line);

}  // namespace astrid::cli
