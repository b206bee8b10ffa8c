// Cutting a stream read in large pieces into the pieces a reader asks for
// (core/read_framer.hpp), as a node link reads BASP's headers and bodies.
#include "core/read_framer.hpp"

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

using namespace astrid::core;

namespace {

// A stream of length-prefixed messages: one byte of length, then the body.
std::string framed(const std::vector<std::string>& bodies) {
  std::string out;
  for (const auto& b : bodies) out += static_cast<char>(b.size()) + b;
  return out;
}

// A reader of framed(): asks for the one-byte header, then for the body it
// announces, and collects the bodies.
struct header_body_reader {
  read_framer& framer;
  std::vector<std::string> bodies;
  bool in_body = false;

  bool operator()(const char* data, std::size_t n) {
    if (in_body) {
      bodies.emplace_back(data, n);
      framer.want(read_rule::exactly, 1);
      in_body = false;
    } else {
      BOOST_REQUIRE_EQUAL(n, 1u);
      framer.want(read_rule::exactly, static_cast<unsigned char>(data[0]));
      in_body = true;
    }
    return true;
  }
};

const std::vector<std::string> bodies{"first", "a", "the third message", "x", "last one"};

}  // namespace

BOOST_AUTO_TEST_SUITE(read_framers)

BOOST_AUTO_TEST_CASE(every_split_of_the_stream_yields_the_same_messages_in_order) {
  const auto stream = framed(bodies);
  for (std::size_t step = 1; step <= stream.size(); ++step) {
    read_framer f;
    f.want(read_rule::exactly, 1);
    header_body_reader reader{f, {}, false};
    for (std::size_t at = 0; at < stream.size(); at += step)
      BOOST_REQUIRE(f.feed(stream.data() + at, std::min(step, stream.size() - at), reader));
    BOOST_TEST_CONTEXT("reads of " << step << " bytes") {
      BOOST_CHECK(reader.bodies == bodies);
      BOOST_CHECK_EQUAL(f.kept(), 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_incomplete_piece_is_kept_until_its_last_byte_arrives) {
  read_framer f;
  f.want(read_rule::exactly, 6);
  std::vector<std::string> got;
  auto collect = [&](const char* d, std::size_t n) { got.emplace_back(d, n); return true; };
  BOOST_CHECK(f.feed("abcde", 5, collect));
  BOOST_CHECK(got.empty());
  BOOST_CHECK_EQUAL(f.kept(), 5u);
  BOOST_CHECK(f.feed("fgh", 3, collect));
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_CHECK_EQUAL(got[0], "abcdef");
  BOOST_CHECK_EQUAL(f.kept(), 2u);
}

BOOST_AUTO_TEST_CASE(a_reader_that_stops_leaves_the_rest_for_the_next_feed) {
  read_framer f;
  f.want(read_rule::exactly, 2);
  std::vector<std::string> got;
  bool stop = true;
  auto collect = [&](const char* d, std::size_t n) {
    got.emplace_back(d, n);
    return !stop;
  };
  BOOST_CHECK(!f.feed("aabbcc", 6, collect));
  BOOST_CHECK_EQUAL(got.size(), 1u);
  BOOST_CHECK_EQUAL(f.kept(), 4u);
  stop = false;
  BOOST_CHECK(f.feed("", 0, collect));
  BOOST_CHECK((got == std::vector<std::string>{"aa", "bb", "cc"}));
}

BOOST_AUTO_TEST_CASE(at_most_and_at_least_cut_as_their_names_say) {
  read_framer f;
  std::vector<std::string> got;
  auto collect = [&](const char* d, std::size_t n) { got.emplace_back(d, n); return true; };
  f.want(read_rule::at_most, 4);
  BOOST_CHECK(f.feed("abcdefghij", 10, collect));
  BOOST_CHECK((got == std::vector<std::string>{"abcd", "efgh", "ij"}));
  got.clear();
  f.want(read_rule::at_least, 5);
  BOOST_CHECK(f.feed("abc", 3, collect));
  BOOST_CHECK(got.empty());
  BOOST_CHECK(f.feed("defgh", 5, collect));
  BOOST_CHECK((got == std::vector<std::string>{"abcdefgh"}));
}

BOOST_AUTO_TEST_CASE(a_request_for_empty_pieces_is_refused) {
  read_framer f;
  BOOST_CHECK_THROW(f.want(read_rule::exactly, 0), std::invalid_argument);
  BOOST_CHECK_THROW(f.want(read_rule::at_most, 0), std::invalid_argument);
  BOOST_CHECK_NO_THROW(f.want(read_rule::at_least, 0));
}

BOOST_AUTO_TEST_SUITE_END()
