// What a fuzz target uses to state a property: FUZZ_CHECK(cond) aborts with the condition and
// its line when a promise of the code under test is broken (libFuzzer then saves the input).
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond)                                                               \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s at %s:%d\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)

inline std::string_view fuzz_bytes(unsigned char const* data, std::size_t size) {
  return {reinterpret_cast<char const*>(data), size};
}
