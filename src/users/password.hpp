// Password hashing (argon2id), verification and the weak-password rules.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace zhiku {

// argon2id cost. The defaults are the production setting (AuthConfig::hash_ops, hash_mem_mib);
// tests pass a cheaper one.
struct PasswordHashParams {
  unsigned long long ops = 3;             // opslimit: passes over memory
  std::size_t mem = 64u * 1024u * 1024u;  // memlimit in bytes (64 MiB)
};

// Fewest characters (Unicode code points) a password may have.
inline constexpr std::size_t kMinPasswordChars = 10;

// A self-describing argon2id hash string ("$argon2id$v=19$m=65536,t=3,p=1$...") of `password`
// with a fresh random salt. Throws std::invalid_argument if `params` are outside libsodium's
// limits and std::runtime_error if the memory cannot be had. Slow on purpose (see the timing in
// the users module notes); thread-safe, each call allocates `params.mem`.
std::string hash_password(std::string_view password);
std::string hash_password(std::string_view password, PasswordHashParams const& params);

// True when `password` matches `hash`, whatever cost `hash` was made with. The comparison is
// constant-time (libsodium). False, never a throw, for an empty, truncated or otherwise
// malformed hash. Costs as much as hashing with the hash's own parameters. Thread-safe.
bool verify_password(std::string_view hash, std::string_view password);

// True when `hash` is not an argon2id hash made with exactly `params` (other cost, argon2i,
// malformed), so the caller should store a fresh hash after the next successful sign-in.
// Cheap (parses only). Thread-safe.
bool password_needs_rehash(std::string_view hash, PasswordHashParams const& params = {});

// A valid hash of a random secret, made once per `params` and then reused. Verify the offered
// password against it when no such user exists, so that an unknown user name costs as much
// time as a wrong password and sign-in does not reveal which accounts exist. The first call per
// `params` takes one hash time. Thread-safe.
std::string dummy_password_hash(PasswordHashParams const& params = {});

// Why `password` may not be used by `username`, in Chinese and English, or nullopt if it may.
// Refused: fewer than kMinPasswordChars code points; equal to the user name or containing it
// (ASCII case-insensitive; containment only checked for names of 3 or more characters); in the
// shipped list of common passwords (ASCII case-insensitive). Thread-safe.
std::optional<std::string> why_weak(std::string_view password, std::string_view username);

// The shipped list of common passwords (common_passwords.txt), lower-case, each at least
// kMinPasswordChars long. Static storage; thread-safe.
std::span<std::string_view const> common_passwords();

}  // namespace zhiku
