// astrid::decode_error: the one exception the codec throws for input it
// refuses. Its message names the JSON path and what was expected there, so an
// operator reading a log line knows which field of which message was wrong.
#pragma once

#include <stdexcept>
#include <string>

namespace astrid {

/// Thrown when JSON text or a JSON value does not decode as the requested
/// schema type. what() is "<path>: <expectation>", for example
/// "message.payload.is_final: expected boolean, got string"; the path of the
/// document itself is "<root>".
struct decode_error : std::runtime_error {
  /// Builds the error for `path` (dotted keys, `[i]` for array elements).
  decode_error(std::string path, std::string expectation);

  /// The JSON path of the offending value, "<root>" for the document.
  const std::string& path() const noexcept { return path_; }

  /// What was expected there and what was found.
  const std::string& expectation() const noexcept { return expectation_; }

 private:
  std::string path_;
  std::string expectation_;
};

}  // namespace astrid
