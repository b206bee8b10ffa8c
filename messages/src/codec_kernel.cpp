// Codec entry points for the kernel API (adjacently tagged requests and
// responses).
#include "astrid/messages/codec.hpp"
#include "detail/codec_helpers.hpp"

namespace astrid {

kernel_request decode_kernel_request(const nlohmann::json& j) {
  return detail::decode_as<kernel_request>(j);
}
kernel_response decode_kernel_response(const nlohmann::json& j) {
  return detail::decode_as<kernel_response>(j);
}

nlohmann::json encode(const kernel_request& r) { return detail::encode_dom(r); }
nlohmann::json encode(const kernel_response& r) { return detail::encode_dom(r); }
std::string encode_text(const kernel_request& r) { return detail::encode_str(r); }
std::string encode_text(const kernel_response& r) { return detail::encode_str(r); }

}  // namespace astrid
