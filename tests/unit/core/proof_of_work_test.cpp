// The public forms' proof of work: a challenge is solvable, its answer checks once signed and in
// time, and nothing else passes.
#include "core/proof_of_work.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include "core/crypto.hpp"

using namespace zhiku;

TEST_CASE("a solved challenge passes until it expires, and nothing else does", "[core][pow]") {
  ProofOfWork pow(2000, std::chrono::minutes(10));
  SysTime const now = std::chrono::system_clock::now();
  WorkChallenge c = pow.issue(now);
  CHECK(c.algorithm == "SHA-256");
  CHECK(c.max_number == 2000);
  CHECK(c.challenge.size() == 64);
  CHECK(parse_iso(c.expires_at));
  auto number = solve(c);
  REQUIRE(number);
  WorkSolution s{c.salt, *number, c.signature};
  CHECK_FALSE(pow.why_not(s, now));
  CHECK_FALSE(pow.why_not(s, now + std::chrono::minutes(9)));
  CHECK(pow.why_not(s, now + std::chrono::minutes(10)) == "安全验证已过期，请重新提交");

  WorkSolution wrong_number = s;
  wrong_number.number = (*number + 1) % 2001;
  CHECK(pow.why_not(wrong_number, now));
  WorkSolution forged = s;
  forged.signature = hmac_sha256_hex("another key", s.salt + c.challenge);
  CHECK(pow.why_not(forged, now));
  WorkSolution later = s;  // a salt whose expiry was moved breaks the signature
  later.salt = s.salt.substr(0, s.salt.rfind('.') + 1) + "99999999999";
  CHECK(pow.why_not(later, now));
  CHECK(pow.why_not(WorkSolution{}, now));
  // Another server process (another key) does not accept it either.
  ProofOfWork other(2000, std::chrono::minutes(10));
  CHECK(other.why_not(s, now));
}

TEST_CASE("random codes use the alphabet evenly", "[core][crypto]") {
  std::set<char> seen;
  for (int i = 0; i < 200; ++i) {
    auto code = random_code(8, "ABC");
    REQUIRE(code.size() == 8);
    for (char ch : code) seen.insert(ch);
  }
  CHECK(seen == std::set<char>{'A', 'B', 'C'});
  CHECK(hmac_sha256_hex("key", "The quick brown fox jumps over the lazy dog") ==
        "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}
