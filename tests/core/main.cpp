#define BOOST_TEST_MODULE astrid_core
#include <boost/test/unit_test.hpp>
