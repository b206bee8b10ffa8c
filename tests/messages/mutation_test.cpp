// Decoding never ends in anything but a value or a decode_error: every
// conformance vector is mutated many times (seeded, so failures replay) at
// the byte level and structurally, and each mutant must decode cleanly,
// re-encode, and decode again to the same value, or be refused.
#include <boost/test/unit_test.hpp>
#include <optional>
#include <random>

#include "test_support.hpp"

using astrid::test::json;

namespace {

constexpr int byte_mutants_per_vector = 150;
constexpr int structural_mutants_per_vector = 150;

std::string mutate_bytes(std::string text, std::mt19937& rng) {
  static constexpr char interesting[] = "{}[]\":,\\-0123456789.eE tfn\x80\xff\xc3";
  std::uniform_int_distribution<int> op(0, 4);
  const int edits = 1 + static_cast<int>(rng() % 3);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t at = rng() % text.size();
    switch (op(rng)) {
      case 0:
        text[at] = static_cast<char>(rng() & 0xFF);
        break;
      case 1:
        text[at] = interesting[rng() % (sizeof interesting - 1)];
        break;
      case 2:
        text.insert(at, 1, interesting[rng() % (sizeof interesting - 1)]);
        break;
      case 3:
        text.erase(at, 1);
        break;
      default:
        text.resize(at);
        break;
    }
  }
  return text;
}

// A random replacement of another JSON type.
json random_value(std::mt19937& rng) {
  switch (rng() % 10) {
    case 0:
      return nullptr;
    case 1:
      return true;
    case 2:
      return -1;
    case 3:
      return 1.5;
    case 4:
      return 4294967296ull;
    case 5:
      return "6f1c2a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    case 6:
      return "2024-01-01T00:00:00Z";
    case 7:
      return json::array({1, "x"});
    case 8:
      return json::object({{"type", "connect"}});
    default:
      return "";
  }
}

// Picks a random node (the root included) by walking down at random.
json* random_node(json& root, std::mt19937& rng) {
  json* node = &root;
  while ((node->is_object() || node->is_array()) && !node->empty() && rng() % 3 != 0) {
    auto it = node->begin();
    std::advance(it, static_cast<long>(rng() % node->size()));
    node = &*it;
  }
  return node;
}

json mutate_structure(json v, std::mt19937& rng) {
  json* node = random_node(v, rng);
  switch (rng() % 4) {
    case 0:  // delete a key or an element
      if ((node->is_object() || node->is_array()) && !node->empty()) {
        auto it = node->begin();
        std::advance(it, static_cast<long>(rng() % node->size()));
        node->erase(it);
      }
      break;
    case 1:
      *node = random_value(rng);
      break;  // change the type
    case 2:
      *node = json::array({*node, *node});
      break;  // duplicate
    default:  // copy beside under a new key
      if (node->is_object()) (*node)["type"] = random_value(rng);
  }
  return v;
}

// Decodes `text` as `kind`; on success the value must re-encode and decode
// to the same encoding. Any exception other than decode_error is reported
// with the mutant, so a failure can be replayed by hand.
void check_mutant(const std::string& kind, const std::string& text) {
  try {
    json first;
    try {
      first = astrid::test::roundtrips().at(kind)(astrid::parse_json(text));
    } catch (const astrid::decode_error&) {
      return;
    }
    const json second = astrid::test::roundtrips().at(kind)(first);
    BOOST_TEST(second == first, kind << ": " << text);
  } catch (const std::exception& e) {
    BOOST_ERROR(kind << ": " << text << " -> " << e.what());
  }
}

// The text decoder (over a tape) and the DOM decoder must agree on `text`:
// the same value, or the same error. Returns false (and reports) if not.
bool paths_agree(const std::string& kind, const std::string& text) {
  // An IpcMessage without a timestamp takes the time of its decode.
  auto via = [&](bool text_path) {
    auto out = astrid::test::decode_via(kind, text, text_path);
    if (out.starts_with("decode_error") || kind == "ipc_payload") return out;
    auto j = astrid::parse_json(out);
    if (kind == "ipc_message") j.erase("timestamp");
    if (kind == "event" && j.contains("message") && j["message"].is_object())
      j["message"].erase("timestamp");
    return j.dump();
  };
  const auto by_text = via(true);
  const auto by_dom = via(false);
  BOOST_TEST(by_text == by_dom, kind << ": " << text);
  return by_text == by_dom;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mutation_robustness)

BOOST_AUTO_TEST_CASE(text_decoders_agree_with_the_dom_decoders_on_every_mutant) {
  std::mt19937 rng(7);
  std::size_t runs = 0;
  std::size_t refused = 0;  // by both paths, alike
  for (const auto& v : astrid::test::vectors()) {
    const std::string kind = v.at("kind");
    if (!astrid::test::has_text_decoder(kind)) continue;
    const std::string text = v.at("input").dump();
    for (int i = 0; i < byte_mutants_per_vector; ++i, ++runs) {
      const auto mutant = mutate_bytes(text, rng);
      if (!paths_agree(kind, mutant)) return;  // one report is enough
      refused += astrid::test::decode_via(kind, mutant, true).starts_with("decode_error");
    }
    for (int i = 0; i < structural_mutants_per_vector; ++i, ++runs) {
      json mutant = v.at("input");
      for (int depth = 1 + static_cast<int>(rng() % 3); depth > 0; --depth)
        mutant = mutate_structure(std::move(mutant), rng);
      if (!paths_agree(kind, mutant.dump())) return;
      refused += astrid::test::decode_via(kind, mutant.dump(), true).starts_with("decode_error");
    }
  }
  BOOST_TEST(runs > 10000u);
  BOOST_TEST(refused > 0u);     // the mutants reach the error paths
  BOOST_TEST(refused < runs);   // and the decoded values
}

BOOST_AUTO_TEST_CASE(byte_mutations_of_every_vector_decode_or_fail_cleanly) {
  std::mt19937 rng(20240101);
  std::size_t runs = 0;
  for (const auto& v : astrid::test::vectors()) {
    if (!astrid::test::roundtrips().contains(v.at("kind"))) continue;
    const std::string kind = v.at("kind");
    const std::string text = v.at("input").dump();
    for (int i = 0; i < byte_mutants_per_vector; ++i, ++runs) {
      check_mutant(kind, mutate_bytes(text, rng));
    }
  }
  BOOST_TEST(runs > 10000u);
}

BOOST_AUTO_TEST_CASE(structural_mutations_of_every_vector_decode_or_fail_cleanly) {
  std::mt19937 rng(42);
  std::size_t runs = 0;
  for (const auto& v : astrid::test::vectors()) {
    if (!astrid::test::roundtrips().contains(v.at("kind"))) continue;
    const std::string kind = v.at("kind");
    for (int i = 0; i < structural_mutants_per_vector; ++i, ++runs) {
      json mutant = v.at("input");
      for (int depth = 1 + static_cast<int>(rng() % 3); depth > 0; --depth) {
        mutant = mutate_structure(std::move(mutant), rng);
      }
      check_mutant(kind, mutant.dump());
    }
  }
  BOOST_TEST(runs > 10000u);
}

BOOST_AUTO_TEST_CASE(parse_json_agrees_with_nlohmann_on_byte_mutants) {
  // Differential check of our parser against nlohmann's (which skips a
  // UTF-8 byte-order mark that serde_json, and so we, refuse).
  std::mt19937 rng(99);
  for (const auto& text : astrid::test::vector_lines()) {
    for (int i = 0; i < byte_mutants_per_vector; ++i) {
      const std::string mutant = mutate_bytes(text, rng);
      if (mutant.rfind("\xEF\xBB\xBF", 0) == 0) continue;
      std::optional<json> ours;
      std::optional<json> reference;
      try {
        ours = astrid::parse_json(mutant);
      } catch (const astrid::decode_error&) {
      }
      try {
        reference = json::parse(mutant);
      } catch (const json::exception&) {
      }
      BOOST_TEST(ours.has_value() == reference.has_value(), mutant);
      if (ours && reference) BOOST_TEST((*ours == *reference), mutant);
    }
  }
}

BOOST_AUTO_TEST_CASE(from_json_value_never_throws_on_mutants) {
  std::mt19937 rng(7);
  for (const auto& v : astrid::test::vectors()) {
    if (v.at("kind") != "ipc_payload") continue;
    for (int i = 0; i < structural_mutants_per_vector; ++i) {
      const json mutant = mutate_structure(v.at("input"), rng);
      BOOST_CHECK_NO_THROW(astrid::to_guest_bytes(astrid::from_json_value(mutant)));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
