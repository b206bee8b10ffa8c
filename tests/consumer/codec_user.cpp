// A capsule-side user: the schemas and the codec alone, no CAF.
#include <astrid/messages.hpp>

#include <iostream>

int main() {
  auto j = nlohmann::json::parse(R"({"type":"user_input","text":"hi"})");
  astrid::ipc_payload p = astrid::decode_ipc_payload(j);
  nlohmann::json back = astrid::encode(p);
  if (back.at("session_id") != "default") {
    std::cerr << "unexpected encoding: " << back.dump() << '\n';
    return 1;
  }
  try {
    astrid::decode_ipc_message(nlohmann::json::object());
    return 1;
  } catch (const astrid::decode_error& e) {
    std::cout << "codec_user: ok (" << e.what() << ")\n";
  }
  return 0;
}
