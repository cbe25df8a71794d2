// SecretBox: sealed secrets open with the same key and context only, tampering is caught, and
// key files are created once, private, and read back.
#include "core/crypto.hpp"

#include <filesystem>
#include <fstream>

#include <sys/stat.h>
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using zhiku::SecretBox;

TEST_CASE("a sealed secret opens with its key and context only", "[core][crypto]") {
  SecretBox box = SecretBox::ephemeral();
  std::string const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  std::string const sealed = box.seal(secret, "totp:7");
  CHECK(SecretBox::is_sealed(sealed));
  CHECK(sealed.find(secret) == std::string::npos);
  CHECK(box.open(sealed, "totp:7") == secret);
  CHECK(box.seal(secret, "totp:7") != sealed);  // a fresh nonce each time

  CHECK_FALSE(box.open(sealed, "totp:8"));                     // copied to another account
  CHECK_FALSE(SecretBox::ephemeral().open(sealed, "totp:7"));  // another key
  CHECK_FALSE(box.open(secret, "totp:7"));                     // not sealed at all
  CHECK_FALSE(box.open("sb1:", "totp:7"));
  CHECK_FALSE(box.open("sb1:!!!", "totp:7"));
  for (std::size_t i = SecretBox::kPrefix.size(); i < sealed.size(); ++i) {
    std::string altered = sealed;
    altered[i] = altered[i] == 'A' ? 'B' : 'A';
    INFO("altered at " << i);
    CHECK_FALSE(box.open(altered, "totp:7") == secret);
  }
  CHECK(box.open(box.seal("", "x"), "x") == "");
}

TEST_CASE("a key file is created once, readable by its owner only, and read back", "[core][crypto]") {
  zhiku::test::TempDir dir;
  auto const path = dir.path() / "zhiku.key";
  SecretBox first = SecretBox::from_key_file(path);
  REQUIRE(std::filesystem::exists(path));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::string const sealed = first.seal("secret", "ctx");
  CHECK(SecretBox::from_key_file(path).open(sealed, "ctx") == "secret");

  SECTION("a key ring: the first key seals, every key opens") {
    auto const fresh = SecretBox::new_key();
    SecretBox::write_key_file(path, {fresh, first.keys().front()});
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_FALSE(std::filesystem::exists(path.string() + ".new"));
    SecretBox ring = SecretBox::from_key_file(path);
    REQUIRE(ring.keys().size() == 2);
    CHECK(ring.open(sealed, "ctx") == "secret");  // sealed with the old key
    CHECK_FALSE(ring.sealed_with_current_key(sealed, "ctx"));
    std::string const resealed = ring.seal("secret", "ctx");
    CHECK(ring.sealed_with_current_key(resealed, "ctx"));
    CHECK_FALSE(first.open(resealed, "ctx"));  // the old key alone cannot open the new seal
    CHECK(SecretBox({fresh}).open(resealed, "ctx") == "secret");
  }

  SECTION("a malformed key file stops start-up instead of being replaced") {
    std::ofstream(path, std::ios::trunc) << "not a key\n";
    CHECK_THROWS_WITH(SecretBox::from_key_file(path), Catch::Contains("64 hexadecimal digits"));
    std::ofstream(path, std::ios::trunc) << "\n";
    CHECK_THROWS(SecretBox::from_key_file(path));
    std::ofstream(path, std::ios::trunc) << "not a key\n";
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    CHECK(line == "not a key");
  }
}
