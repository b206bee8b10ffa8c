// astrid::encode_error: the exception for values that have no JSON form in
// the wire format (serde refuses them too), e.g. a raw_json payload holding a
// non-object, whose keys cannot sit beside the "type" tag.
#pragma once

#include <stdexcept>

namespace astrid {

/// Thrown by encode / encode_text for a value the wire format cannot express.
struct encode_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace astrid
