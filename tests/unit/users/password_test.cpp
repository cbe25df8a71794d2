// Password hashing, verification, rehash detection and the weak-password rules.
#include "users/password.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <sodium.h>
#include <catch2/catch.hpp>

namespace {

// The cheapest cost libsodium allows, so most tests take microseconds instead of a hash time.
zhiku::PasswordHashParams const kCheap{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};

}  // namespace

TEST_CASE("a password verifies against its own hash and a wrong one does not", "[users][password]") {
  std::string const hash = zhiku::hash_password("correct horse battery", kCheap);
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(zhiku::verify_password(hash, "correct horse battery"));
  CHECK_FALSE(zhiku::verify_password(hash, "correct horse batterY"));
  CHECK_FALSE(zhiku::verify_password(hash, "correct horse battery "));
  CHECK_FALSE(zhiku::verify_password(hash, ""));
}

TEST_CASE("the default cost is argon2id with 64 MiB and three passes", "[users][password]") {
  std::string const hash = zhiku::hash_password("我们的智库密码很安全啊");
  CHECK(hash.rfind("$argon2id$v=19$m=65536,t=3,p=1$", 0) == 0);
  CHECK(zhiku::verify_password(hash, "我们的智库密码很安全啊"));
  CHECK_FALSE(zhiku::password_needs_rehash(hash));
}

TEST_CASE("hashing the same password twice gives different hashes", "[users][password]") {
  std::string const a = zhiku::hash_password("same password", kCheap);
  std::string const b = zhiku::hash_password("same password", kCheap);
  CHECK(a != b);
  CHECK(zhiku::verify_password(a, "same password"));
  CHECK(zhiku::verify_password(b, "same password"));
}

TEST_CASE("passwords with embedded NUL bytes and empty passwords hash and verify exactly", "[users][password]") {
  std::string const with_nul("abc\0def", 7);
  std::string const hash = zhiku::hash_password(with_nul, kCheap);
  CHECK(zhiku::verify_password(hash, with_nul));
  CHECK_FALSE(zhiku::verify_password(hash, "abc"));

  std::string const empty_hash = zhiku::hash_password("", kCheap);
  CHECK(zhiku::verify_password(empty_hash, ""));
  CHECK_FALSE(zhiku::verify_password(empty_hash, "x"));
}

TEST_CASE("a malformed hash never verifies and never throws", "[users][password]") {
  std::string const good = zhiku::hash_password("pw-for-malformed-tests", kCheap);
  std::string tampered = good;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  std::string const with_nul = good.substr(0, 10) + std::string(1, '\0') + good.substr(10);

  std::vector<std::string> const malformed = {
      "",
      "garbage",
      "$argon2id$",
      "$argon2id$v=19$m=8,t=1,p=1$",
      good.substr(0, good.size() / 2),
      tampered,
      with_nul,
      good + std::string(200, 'A'),
      "$2y$10$abcdefghijklmnopqrstuuB8XKjCVQZ2q6QsRVQdbbJPDWuNZNPJ2",  // bcrypt
  };
  for (auto const& hash : malformed) {
    CAPTURE(hash);
    CHECK_FALSE(zhiku::verify_password(hash, "pw-for-malformed-tests"));
  }
}

TEST_CASE("a hash needs rehashing when the cost or algorithm differs", "[users][password]") {
  std::string const hash = zhiku::hash_password("rehash me please", kCheap);
  CHECK_FALSE(zhiku::password_needs_rehash(hash, kCheap));

  SECTION("more passes") { CHECK(zhiku::password_needs_rehash(hash, {kCheap.ops + 1, kCheap.mem})); }
  SECTION("more memory") { CHECK(zhiku::password_needs_rehash(hash, {kCheap.ops, kCheap.mem * 2})); }
  SECTION("the production default") { CHECK(zhiku::password_needs_rehash(hash)); }
  SECTION("a malformed hash") {
    CHECK(zhiku::password_needs_rehash("", kCheap));
    CHECK(zhiku::password_needs_rehash("not a hash", kCheap));
  }
  SECTION("an argon2i hash with the same cost") {
    // argon2i needs at least three passes.
    zhiku::PasswordHashParams const cost{3, kCheap.mem};
    char out[crypto_pwhash_STRBYTES];
    REQUIRE(crypto_pwhash_str_alg(out, "pw", 2, cost.ops, cost.mem, crypto_pwhash_ALG_ARGON2I13) == 0);
    std::string const argon2i(out);
    REQUIRE(argon2i.rfind("$argon2i$", 0) == 0);
    CHECK(zhiku::verify_password(argon2i, "pw"));
    CHECK_FALSE(zhiku::password_needs_rehash(zhiku::hash_password("pw", cost), cost));
    CHECK(zhiku::password_needs_rehash(argon2i, cost));
  }
}

TEST_CASE("hash parameters outside libsodium's limits are refused", "[users][password]") {
  CHECK_THROWS_AS(zhiku::hash_password("x", {0, kCheap.mem}), std::invalid_argument);
  CHECK_THROWS_AS(zhiku::hash_password("x", {kCheap.ops, 1024}), std::invalid_argument);
}

TEST_CASE("the dummy hash is a valid hash, made once and matching no password", "[users][password]") {
  std::string const first = zhiku::dummy_password_hash(kCheap);
  CHECK(first == zhiku::dummy_password_hash(kCheap));
  CHECK(first.rfind("$argon2id$", 0) == 0);
  CHECK_FALSE(zhiku::password_needs_rehash(first, kCheap));
  CHECK_FALSE(zhiku::verify_password(first, ""));
  CHECK_FALSE(zhiku::verify_password(first, "password123"));

  zhiku::PasswordHashParams const other{kCheap.ops + 1, kCheap.mem};
  CHECK_FALSE(zhiku::password_needs_rehash(zhiku::dummy_password_hash(other), other));
}

TEST_CASE("a password shorter than ten characters is weak", "[users][password]") {
  auto const reason = zhiku::why_weak("Kx9#mP2vq", "alice");
  REQUIRE(reason);
  CHECK(*reason == "密码至少需要 10 个字符 (at least 10 characters)");
  CHECK_FALSE(zhiku::why_weak("Kx9#mP2vqZ", "alice"));
  CHECK(zhiku::why_weak("", "alice"));
}

TEST_CASE("Chinese passwords are counted by characters, not bytes", "[users][password]") {
  // 8 characters but 24 bytes of UTF-8.
  CHECK(zhiku::why_weak("我的密码很安全吧", "alice") ==
        std::optional<std::string>("密码至少需要 10 个字符 (at least 10 characters)"));
  // 10 characters.
  CHECK_FALSE(zhiku::why_weak("我们的智库密码很安全", "alice"));
  // 9 Chinese characters and one ASCII letter.
  CHECK_FALSE(zhiku::why_weak("我们的智库密码很安x", "alice"));
}

TEST_CASE("a password equal to or containing the user name is weak", "[users][password]") {
  std::optional<std::string> const contains = "密码不能包含用户名 (must not contain the user name)";
  CHECK(zhiku::why_weak("zhangsan.wei", "zhangsan.wei") == contains);
  CHECK(zhiku::why_weak("ZhangSan.Wei", "zhangsan.wei") == contains);
  CHECK(zhiku::why_weak("my-ZHANGSAN-pass!", "zhangsan") == contains);
  CHECK(zhiku::why_weak("2026zhangsan", "ZhangSan") == contains);
  CHECK_FALSE(zhiku::why_weak("tiger-lily-42x", "zhangsan"));

  SECTION("very short user names are not searched for") {
    CHECK_FALSE(zhiku::why_weak("lizard-king-42", "li"));
    CHECK_FALSE(zhiku::why_weak("lizard-king-42", ""));
  }
}

TEST_CASE("a password in the common list is weak whatever its case", "[users][password]") {
  std::optional<std::string> const common = "这个密码太常见，容易被猜中 (this password is too common)";
  for (char const* pw : {"password123", "Password123", "PASSWORD123", "1234567890", "qwertyuiop", "iloveyou123",
                         "woaini1314", "WoAiNi1314", "5201314520", "zhang123456", "1qaz2wsx3edc", "Admin@123456"}) {
    CAPTURE(pw);
    CHECK(zhiku::why_weak(pw, "alice") == common);
  }
  CHECK_FALSE(zhiku::why_weak("violet-kettle-sings", "alice"));
}

TEST_CASE("the common list is large, lower-case, long enough and without duplicates", "[users][password]") {
  auto const list = zhiku::common_passwords();
  CHECK(list.size() >= 1000);
  std::set<std::string_view> const unique(list.begin(), list.end());
  CHECK(unique.size() == list.size());
  for (std::string_view pw : list) {
    CAPTURE(pw);
    CHECK(pw.size() >= zhiku::kMinPasswordChars);
    CHECK(std::none_of(pw.begin(), pw.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
  }
}

TEST_CASE("the embedded common list matches common_passwords.txt", "[users][password]") {
  auto const path = std::filesystem::path(ZHIKU_SOURCE_DIR) / "src/users/common_passwords.txt";
  std::ifstream in(path);
  REQUIRE(in);
  std::vector<std::string> from_file;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') from_file.push_back(line);
  }
  auto const list = zhiku::common_passwords();
  REQUIRE(from_file.size() == list.size());
  CHECK(std::equal(from_file.begin(), from_file.end(), list.begin()));
}
