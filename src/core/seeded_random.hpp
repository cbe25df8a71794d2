// A seeded pseudo-random generator whose output is the same on every platform and library:
// xoshiro256** (Blackman & Vigna) seeded through SplitMix64, with integer-only draws. The
// std:: distributions are not used on purpose: their algorithms differ between standard
// libraries, so a "fixed seed" would not give the same bootstrap everywhere.
// Header-only and plain C++17 (the C++17 matching target's tests and benchmarks use it too).
// Not for secrets (core/crypto.hpp has random_token for those).
#pragma once

#include <cstdint>

namespace zhiku {

class SeededRandom {
 public:
  // Streams with different seeds are independent for every practical purpose; mix a record's
  // id into the seed (stream_seed) to give each record a stream of its own, so adding a record
  // does not change the draws of the others.
  explicit SeededRandom(std::uint64_t seed) noexcept {
    for (auto& word : state_) word = split_mix(seed);
  }

  std::uint64_t next() noexcept {
    std::uint64_t const result = rotl(state_[1] * 5, 7) * 9;
    std::uint64_t const t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n), exactly (Lemire's multiply-and-reject). REQUIRES: n > 0.
  std::uint64_t below(std::uint64_t n) noexcept {
    Wide m = static_cast<Wide>(next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      std::uint64_t const threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<Wide>(next()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  // Uniform in [0, 1) with 53 random bits.
  double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // A seed for the stream of record `id` under `seed`.
  static std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t id) noexcept {
    std::uint64_t x = seed ^ (id * 0x9E3779B97F4A7C15ULL);
    return split_mix(x);
  }

 private:
  __extension__ typedef unsigned __int128 Wide;  // GCC and Clang; __extension__ keeps -Wpedantic quiet

  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t split_mix(std::uint64_t& x) noexcept {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_[4];
};

}  // namespace zhiku
