// TOTP and HOTP against the RFC vectors, Base32, replay and window rules, URIs and recovery codes.
#include "users/totp.hpp"

#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

namespace {

// RFC 6238 Appendix B: the ASCII secret "12345678901234567890".
constexpr char kRfcSecret[] = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

}  // namespace

TEST_CASE("base32 encodes the RFC 4648 test vectors without padding", "[users][totp]") {
  std::vector<std::pair<std::string, std::string>> const vectors = {
      {"", ""},
      {"f", "MY"},
      {"fo", "MZXQ"},
      {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI"},
  };
  for (auto const& [plain, encoded] : vectors) {
    CAPTURE(plain);
    CHECK(zhiku::base32_encode(plain) == encoded);
    CHECK(zhiku::base32_decode(encoded) == plain);
  }
  CHECK(zhiku::base32_encode("12345678901234567890") == kRfcSecret);
}

TEST_CASE("base32 decoding accepts padding and lower case", "[users][totp]") {
  CHECK(zhiku::base32_decode("MY======") == std::optional<std::string>("f"));
  CHECK(zhiku::base32_decode("MZXW6YQ=") == std::optional<std::string>("foob"));
  CHECK(zhiku::base32_decode("mzxw6ytboi") == std::optional<std::string>("foobar"));
  CHECK(zhiku::base32_decode(std::string("\xff\x00\x10", 3)) == std::nullopt);
  CHECK(zhiku::base32_encode(std::string("\xff\x00\x10", 3)) == "74ABA");
  CHECK(zhiku::base32_decode("74ABA") == std::optional<std::string>(std::string("\xff\x00\x10", 3)));
}

TEST_CASE("base32 decoding refuses foreign characters and impossible lengths", "[users][totp]") {
  for (char const* bad : {"MZXW6YQ1", "MZXW6YQ0", "MZ XW", "MZXW-6YQ", "M", "MZX", "MZXW6Y", "=MY", "MY=A", "MZ"}) {
    CAPTURE(bad);
    CHECK_FALSE(zhiku::base32_decode(bad));
  }
}

TEST_CASE("HOTP matches the RFC 4226 Appendix D values", "[users][totp]") {
  char const* const expected[] = {"755224", "287082", "359152", "969429", "338314",
                                  "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    CAPTURE(counter);
    CHECK(zhiku::hotp_code("12345678901234567890", counter) == expected[counter]);
  }
}

TEST_CASE("TOTP matches the RFC 6238 Appendix B SHA-1 values", "[users][totp]") {
  std::vector<std::pair<std::int64_t, std::string>> const vectors = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (auto const& [time, code] : vectors) {
    CAPTURE(time);
    CHECK(zhiku::totp_code(kRfcSecret, time, 8) == code);
  }
  // Six digits are the last six of the eight (the modulus drops the leading ones).
  CHECK(zhiku::totp_code(kRfcSecret, 59) == "287082");
  CHECK(zhiku::totp_code(kRfcSecret, 1111111109) == "081804");
}

TEST_CASE("TOTP refuses bad secrets, times and digit counts", "[users][totp]") {
  CHECK_THROWS_AS(zhiku::totp_code("not base32!", 59), std::invalid_argument);
  CHECK_THROWS_AS(zhiku::totp_code("", 59), std::invalid_argument);
  CHECK_THROWS_AS(zhiku::totp_code(kRfcSecret, -1), std::invalid_argument);
  CHECK_THROWS_AS(zhiku::totp_code(kRfcSecret, 59, 5), std::invalid_argument);
  CHECK_THROWS_AS(zhiku::totp_code(kRfcSecret, 59, 9), std::invalid_argument);
  CHECK_THROWS_AS(zhiku::totp_code(kRfcSecret, 59, 6, 0), std::invalid_argument);
  CHECK_THROWS_AS(zhiku::totp_verify("not base32!", "123456", 59, -1), std::invalid_argument);
  CHECK_THROWS_AS(zhiku::totp_verify(kRfcSecret, "123456", 59, -1, -1), std::invalid_argument);
}

TEST_CASE("a new TOTP secret is 160 random bits in 32 Base32 characters", "[users][totp]") {
  std::string const a = zhiku::new_totp_secret();
  std::string const b = zhiku::new_totp_secret();
  CHECK(a.size() == 32);
  REQUIRE(zhiku::base32_decode(a));
  CHECK(zhiku::base32_decode(a)->size() == 20);
  CHECK(a != b);
}

TEST_CASE("a current code verifies and returns its time step", "[users][totp]") {
  std::int64_t const now = 1'700'000'015;
  std::int64_t const step = now / 30;
  std::string const code = zhiku::totp_code(kRfcSecret, now);
  CHECK(zhiku::totp_verify(kRfcSecret, code, now, -1) == step);

  SECTION("spaces inside the code are tolerated") {
    std::string const spaced = code.substr(0, 3) + " " + code.substr(3);
    CHECK(zhiku::totp_verify(kRfcSecret, spaced, now, -1) == step);
    CHECK(zhiku::totp_verify(kRfcSecret, " " + code + " ", now, -1) == step);
  }
  SECTION("a wrong, short, long or non-numeric code is refused") {
    std::string wrong = code;
    wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
    CHECK_FALSE(zhiku::totp_verify(kRfcSecret, wrong, now, -1));
    CHECK_FALSE(zhiku::totp_verify(kRfcSecret, code.substr(0, 5), now, -1));
    CHECK_FALSE(zhiku::totp_verify(kRfcSecret, code + "0", now, -1));
    CHECK_FALSE(zhiku::totp_verify(kRfcSecret, "12a456", now, -1));
    CHECK_FALSE(zhiku::totp_verify(kRfcSecret, "", now, -1));
  }
}

TEST_CASE("codes from neighbouring steps verify within the window only", "[users][totp]") {
  std::int64_t const now = 1'700'000'015;
  std::int64_t const step = now / 30;
  std::string const previous = zhiku::totp_code(kRfcSecret, now - 30);
  std::string const next = zhiku::totp_code(kRfcSecret, now + 30);
  std::string const two_ago = zhiku::totp_code(kRfcSecret, now - 60);

  CHECK(zhiku::totp_verify(kRfcSecret, previous, now, -1) == step - 1);
  CHECK(zhiku::totp_verify(kRfcSecret, next, now, -1) == step + 1);
  CHECK_FALSE(zhiku::totp_verify(kRfcSecret, two_ago, now, -1));
  CHECK(zhiku::totp_verify(kRfcSecret, two_ago, now, -1, 2) == step - 2);
  CHECK_FALSE(zhiku::totp_verify(kRfcSecret, previous, now, -1, 0));
  CHECK(zhiku::totp_verify(kRfcSecret, zhiku::totp_code(kRfcSecret, now), now, -1, 0) == step);
}

TEST_CASE("a code cannot be used twice, nor one older than the last used", "[users][totp]") {
  std::int64_t const now = 1'700'000'015;
  std::string const code = zhiku::totp_code(kRfcSecret, now);
  auto const used = zhiku::totp_verify(kRfcSecret, code, now, -1);
  REQUIRE(used);

  CHECK_FALSE(zhiku::totp_verify(kRfcSecret, code, now, *used));
  CHECK_FALSE(zhiku::totp_verify(kRfcSecret, code, now + 10, *used));
  CHECK_FALSE(zhiku::totp_verify(kRfcSecret, zhiku::totp_code(kRfcSecret, now - 30), now, *used));
  // The next step's code still works once its time comes.
  std::string const later = zhiku::totp_code(kRfcSecret, now + 30);
  CHECK(zhiku::totp_verify(kRfcSecret, later, now + 30, *used) == *used + 1);
}

TEST_CASE("verification near the epoch skips negative steps", "[users][totp]") {
  std::string const code = zhiku::totp_code(kRfcSecret, 10);
  CHECK(zhiku::totp_verify(kRfcSecret, code, 10, -1) == 0);
}

TEST_CASE("the otpauth URI percent-encodes a Chinese issuer and account", "[users][totp]") {
  CHECK(zhiku::totp_uri("Zhiku 智库", "张三@example.org", kRfcSecret) ==
        "otpauth://totp/Zhiku%20%E6%99%BA%E5%BA%93:%E5%BC%A0%E4%B8%89%40example.org"
        "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Zhiku%20%E6%99%BA%E5%BA%93"
        "&algorithm=SHA1&digits=6&period=30");
  CHECK(zhiku::totp_uri("Zhiku", "a:b&c=d", "ABC") ==
        "otpauth://totp/Zhiku:a%3Ab%26c%3Dd?secret=ABC&issuer=Zhiku&algorithm=SHA1&digits=6&period=30");
}

TEST_CASE("recovery codes are distinct, grouped and free of look-alike characters", "[users][totp]") {
  auto const codes = zhiku::new_recovery_codes();
  REQUIRE(codes.size() == 10);
  CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == codes.size());
  for (auto const& code : codes) {
    CAPTURE(code);
    REQUIRE(code.size() == 14);
    CHECK(code[4] == '-');
    CHECK(code[9] == '-');
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 7u, 8u, 10u, 11u, 12u, 13u}) {
      CHECK(std::string_view("23456789abcdefghjkmnpqrstuvwxyz").find(code[i]) != std::string_view::npos);
    }
    CHECK(zhiku::normalize_recovery_code(code).size() == 12);
  }
  CHECK(zhiku::new_recovery_codes(0).empty());
  CHECK(zhiku::new_recovery_codes(3).size() == 3);
  CHECK_THROWS_AS(zhiku::new_recovery_codes(-1), std::invalid_argument);
}

TEST_CASE("recovery codes are normalised to lower case without spaces and dashes", "[users][totp]") {
  CHECK(zhiku::normalize_recovery_code("K7M2 9XQP-4tdw") == "k7m29xqp4tdw");
  CHECK(zhiku::normalize_recovery_code("  k7m2-9xqp-4tdw\n") == "k7m29xqp4tdw");
  CHECK(zhiku::normalize_recovery_code("k7m29xqp4tdw") == "k7m29xqp4tdw");
  CHECK(zhiku::normalize_recovery_code("") == "");
}
