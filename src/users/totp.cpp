// Time-based one-time passwords (RFC 6238 / RFC 4226), Base32 (RFC 4648) and recovery codes.
#include "users/totp.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_set>
#include <utility>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

namespace zhiku {

namespace {

// sodium_init() must have run before randombytes; a function-local static runs it once even
// when threads race.
void ensure_sodium() {
  static bool const ready = [] { return sodium_init() >= 0; }();
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kTotpSecretBytes = 20;  // RFC 4226 recommends 160 bits, the SHA-1 block
constexpr int kMinDigits = 6;
constexpr int kMaxDigits = 8;

// Recovery codes are read off paper and typed by people: no 0/o, 1/l/i.
constexpr std::string_view kRecoveryAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";
constexpr int kRecoveryGroups = 3;
constexpr int kRecoveryGroupChars = 4;

int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

std::string decode_secret_or_throw(std::string_view base32_secret) {
  auto key = base32_decode(base32_secret);
  if (!key || key->empty()) throw std::invalid_argument("TOTP secret is not Base32 or is empty");
  return *std::move(key);
}

std::int64_t time_step(std::int64_t unix_time, int period) {
  if (unix_time < 0) throw std::invalid_argument("TOTP time before 1970");
  if (period < 1) throw std::invalid_argument("TOTP period below one second");
  return unix_time / period;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// RFC 3986 unreserved characters stay; every other byte (UTF-8 included) becomes %XX.
std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (char ch : s) {
    auto const c = static_cast<unsigned char>(ch);
    bool const unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  unsigned buffer = 0;
  int bits = 0;
  for (char ch : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(ch);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Alphabet[(buffer >> bits) & 31]);
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  // A final group of 1, 3 or 6 characters cannot come from whole bytes.
  switch (text.size() % 8) {
    case 1:
    case 3:
    case 6:
      return std::nullopt;
    default:
      break;
  }
  std::string out;
  out.reserve(text.size() * 5 / 8);
  unsigned buffer = 0;
  int bits = 0;
  for (char ch : text) {
    int const v = base32_value(ch);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  // Leftover bits must be zero, so each byte string has exactly one encoding.
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::string new_totp_secret() {
  ensure_sodium();
  std::array<unsigned char, kTotpSecretBytes> key{};
  randombytes_buf(key.data(), key.size());
  std::string secret = base32_encode(std::string_view(reinterpret_cast<char const*>(key.data()), key.size()));
  sodium_memzero(key.data(), key.size());
  return secret;
}

std::string hotp_code(std::string_view key, std::uint64_t counter, int digits) {
  if (digits < kMinDigits || digits > kMaxDigits) throw std::invalid_argument("HOTP digits outside 6..8");
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  // OpenSSL refuses a null key pointer, which an empty string_view may carry.
  void const* key_ptr = key.empty() ? static_cast<void const*>("") : key.data();
  unsigned char const* const done =
      HMAC(EVP_sha1(), key_ptr, static_cast<int>(key.size()), message.data(), message.size(), mac.data(), &mac_len);
  if (done == nullptr || mac_len != 20) throw std::runtime_error("HMAC-SHA1 failed");
  // RFC 4226 section 5.3, dynamic truncation.
  std::size_t const offset = mac[19] & 0x0F;
  std::uint32_t const binary =
      (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) | (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
      (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

std::string totp_code(std::string_view base32_secret, std::int64_t unix_time, int digits, int period) {
  std::int64_t const step = time_step(unix_time, period);
  return hotp_code(decode_secret_or_throw(base32_secret), static_cast<std::uint64_t>(step), digits);
}

std::optional<std::int64_t> totp_verify(std::string_view secret, std::string_view code, std::int64_t unix_time,
                                        std::int64_t last_used_step, int window) {
  if (window < 0) throw std::invalid_argument("TOTP window below zero");
  std::string const key = decode_secret_or_throw(secret);
  std::int64_t const now = time_step(unix_time, kTotpPeriodSeconds);

  std::string offered;
  for (char c : code) {
    if (!is_space(c)) offered.push_back(c);
  }
  if (offered.size() != static_cast<std::size_t>(kTotpDigits) ||
      !std::all_of(offered.begin(), offered.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }

  // Every candidate is computed and compared, so the time taken does not tell which step (if
  // any) matched. The latest match wins: storing it refuses the most later replays.
  std::optional<std::int64_t> matched;
  for (std::int64_t step = now - window; step <= now + window; ++step) {
    if (step < 0 || step <= last_used_step) continue;
    std::string const expected = hotp_code(key, static_cast<std::uint64_t>(step), kTotpDigits);
    if (sodium_memcmp(expected.data(), offered.data(), expected.size()) == 0) matched = step;
  }
  return matched;
}

std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret) {
  std::string const enc_issuer = percent_encode(issuer);
  std::string uri = "otpauth://totp/";
  uri += enc_issuer;
  uri += ':';
  uri += percent_encode(account);
  uri += "?secret=";
  uri += percent_encode(secret);
  uri += "&issuer=";
  uri += enc_issuer;
  uri += "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) + "&period=" + std::to_string(kTotpPeriodSeconds);
  return uri;
}

std::vector<std::string> new_recovery_codes(int n) {
  if (n < 0) throw std::invalid_argument("negative number of recovery codes");
  ensure_sodium();
  std::vector<std::string> codes;
  codes.reserve(static_cast<std::size_t>(n));
  std::unordered_set<std::string> seen;
  while (codes.size() < static_cast<std::size_t>(n)) {
    std::string code;
    for (int g = 0; g < kRecoveryGroups; ++g) {
      if (g > 0) code.push_back('-');
      for (int i = 0; i < kRecoveryGroupChars; ++i) {
        // randombytes_uniform has no modulo bias for an alphabet that is not a power of two.
        code.push_back(kRecoveryAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kRecoveryAlphabet.size()))]);
      }
    }
    if (seen.insert(code).second) codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (c == '-' || is_space(c)) continue;
    out.push_back(ascii_lower(c));
  }
  return out;
}

}  // namespace zhiku
