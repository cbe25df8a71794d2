// Catch2's main for the test executables (kept out of the *_test.cpp glob by its extension).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
