// The actor suite's entry point: Boost.Test generates main() here.
#define BOOST_TEST_MODULE astrid_actors
#include <boost/test/unit_test.hpp>
