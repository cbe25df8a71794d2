// A self-hosted proof of work against scripted spam on public forms (issue 10 item 15): the
// server hands out a signed challenge, the browser searches for the number that solves it, and
// the server checks the answer. No outside service, no state on the server until an answer is
// spent (the caller records the salt of each accepted answer so it cannot be used twice).
//
// The scheme is ALTCHA's: salt = random text + "." + its expiry (Unix seconds); challenge =
// hex SHA-256(salt + decimal number) for a number drawn uniformly from [0, max_number];
// signature = hex HMAC-SHA-256(key, salt + challenge) under a key that lives as long as the
// process. A browser needs max_number / 2 hashes on average; checking an answer costs two.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace zhiku {

struct WorkChallenge {
  std::string algorithm = "SHA-256";
  std::string salt;
  std::string challenge;
  std::int64_t max_number = 0;
  std::string signature;
  std::string expires_at;  // ISO 8601 UTC, also inside the salt
};

struct WorkSolution {
  std::string salt;
  std::int64_t number = -1;
  std::string signature;
};

class ProofOfWork {
 public:
  // REQUIRES: max_number >= 1, lifetime > 0.
  ProofOfWork(std::int64_t max_number, std::chrono::seconds lifetime);

  // A fresh challenge valid until now + lifetime. Thread-safe.
  WorkChallenge issue(SysTime now) const;
  // nullopt when `s` answers a challenge this object issued and `now` is before its expiry;
  // otherwise why not, in Chinese for the form. Thread-safe; two hashes and an HMAC.
  std::optional<std::string> why_not(WorkSolution const& s, SysTime now) const;

  std::int64_t max_number() const { return max_number_; }

 private:
  std::string key_;
  std::int64_t max_number_;
  std::chrono::seconds lifetime_;
};

// The number that solves `c`, found as a browser would (tests, the demo seeder): up to
// max_number + 1 hashes. Nullopt when there is none.
std::optional<std::int64_t> solve(WorkChallenge const& c);

}  // namespace zhiku
