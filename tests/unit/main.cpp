// The doctest runner for rosgen's unit, golden and corpus tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
