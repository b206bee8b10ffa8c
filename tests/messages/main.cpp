// The test module of astrid::messages: schemas and JSON codec. Suites live
// in the other files of this folder, one per behaviour area.
#define BOOST_TEST_MODULE astrid_messages
#include <boost/test/unit_test.hpp>
