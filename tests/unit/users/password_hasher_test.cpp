#include "users/password_hasher.hpp"

#include <catch2/catch.hpp>

#include "users/auth_config.hpp"

using namespace zhiku;

TEST_CASE("the bounded hasher hashes and verifies with the configured cost", "[users][hasher]") {
  AuthConfig config;
  config.hash_ops = 1;
  config.hash_mem_mib = 8;
  config.hash_concurrency = 1;
  config.hash_queue = 0;
  PasswordHasher hasher(config);
  CHECK(hasher.params().ops == 1);
  CHECK(hasher.params().mem == 8u * 1024u * 1024u);

  std::string hash = hasher.hash("Winter-Garden-2026!");
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hasher.verify(hash, "Winter-Garden-2026!"));
  CHECK_FALSE(hasher.verify(hash, "winter-garden-2026!"));
  CHECK_FALSE(hasher.needs_rehash(hash));
  CHECK(hasher.needs_rehash(hash_password("x", PasswordHashParams{2, 8u * 1024u * 1024u})));
  // A sequence of calls never exceeds the budget (each releases its slot).
  for (int i = 0; i < 3; ++i) hasher.verify_dummy("anything");
}
