// The shared-state suite's entry point: Boost.Test generates main() here.
#define BOOST_TEST_MODULE astrid_shared
#include <boost/test/unit_test.hpp>
