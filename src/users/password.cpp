// Password hashing (argon2id via libsodium), verification and the weak-password rules.
#include "users/password.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <unordered_set>
#include <utility>
#include <vector>

#include <sodium.h>

namespace zhiku {

namespace {

// sodium_init() must have run before crypto_pwhash or randombytes are used; a function-local
// static makes the first call do it exactly once, even when threads race.
void ensure_sodium() {
  static bool const ready = [] { return sodium_init() >= 0; }();
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

void check_params(PasswordHashParams const& params) {
  if (params.ops < crypto_pwhash_opslimit_min() || params.ops > crypto_pwhash_opslimit_max() ||
      params.mem < crypto_pwhash_memlimit_min() || params.mem > crypto_pwhash_memlimit_max()) {
    throw std::invalid_argument("password hash parameters outside libsodium's limits");
  }
}

// libsodium's string functions read a NUL-terminated C string of fewer than
// crypto_pwhash_STRBYTES bytes; anything else cannot be a hash we wrote.
std::optional<std::string> as_hash_string(std::string_view hash) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return std::nullopt;
  if (hash.find('\0') != std::string_view::npos) return std::nullopt;
  return std::string(hash);
}

// argon2 accepts a null pointer only with length 0; an empty string_view may carry one.
char const* password_ptr(std::string_view password) { return password.empty() ? "" : password.data(); }

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// ASCII only: the common list and user names are ASCII, and Chinese has no case.
std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

constexpr char kTooShort[] = "密码至少需要 10 个字符 (at least 10 characters)";
static_assert(kMinPasswordChars == 10, "update kTooShort with kMinPasswordChars");
constexpr char kContainsUsername[] = "密码不能包含用户名 (must not contain the user name)";
constexpr char kTooCommon[] = "这个密码太常见，容易被猜中 (this password is too common)";

// A one- or two-letter user name would forbid half the dictionary; such names are rare and
// a password equal to one fails the length rule anyway.
constexpr std::size_t kMinUsernameCharsForContainment = 3;

bool is_common(std::string_view lower_password) {
  static std::unordered_set<std::string_view> const set = [] {
    auto const list = common_passwords();
    return std::unordered_set<std::string_view>(list.begin(), list.end());
  }();
  return set.contains(lower_password);
}

}  // namespace

std::string hash_password(std::string_view password) { return hash_password(password, PasswordHashParams{}); }

std::string hash_password(std::string_view password, PasswordHashParams const& params) {
  ensure_sodium();
  check_params(params);
  if (password.size() > crypto_pwhash_passwd_max()) throw std::invalid_argument("password too long");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password_ptr(password), password.size(), params.ops, params.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  auto const str = as_hash_string(hash);
  if (!str) return false;
  return crypto_pwhash_str_verify(str->c_str(), password_ptr(password), password.size()) == 0;
}

bool password_needs_rehash(std::string_view hash, PasswordHashParams const& params) {
  ensure_sodium();
  auto const str = as_hash_string(hash);
  if (!str) return true;
  // The argon2id variant answers -1 for an argon2i hash, so old-algorithm hashes get upgraded.
  return crypto_pwhash_argon2id_str_needs_rehash(str->c_str(), params.ops, params.mem) != 0;
}

std::string dummy_password_hash(PasswordHashParams const& params) {
  static std::mutex mutex;
  static std::vector<std::pair<PasswordHashParams, std::string>> cache;
  std::lock_guard lock(mutex);
  for (auto const& [p, hash] : cache) {
    if (p.ops == params.ops && p.mem == params.mem) return hash;
  }
  ensure_sodium();
  unsigned char secret[32];
  randombytes_buf(secret, sizeof secret);
  std::string hash = hash_password(std::string_view(reinterpret_cast<char const*>(secret), sizeof secret), params);
  sodium_memzero(secret, sizeof secret);
  cache.emplace_back(params, hash);
  return hash;
}

std::optional<std::string> why_weak(std::string_view password, std::string_view username) {
  if (code_points(password) < kMinPasswordChars) return kTooShort;
  std::string const lower = ascii_lower(password);
  // Containment covers equality.
  if (code_points(username) >= kMinUsernameCharsForContainment &&
      lower.find(ascii_lower(username)) != std::string::npos) {
    return kContainsUsername;
  }
  if (is_common(lower)) return kTooCommon;
  return std::nullopt;
}

}  // namespace zhiku
