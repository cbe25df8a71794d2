// Small cryptographic helpers shared by sessions, tokens and the audit chain.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhiku {

// Lower-case hex SHA-256 of `data`. Thread-safe.
std::string sha256_hex(std::string_view data);
// `bytes` random bytes from libsodium, as URL-safe base64 without padding. Thread-safe.
std::string random_token(size_t bytes = 32);
// Constant-time comparison of two strings (false when lengths differ).
bool constant_time_equal(std::string_view a, std::string_view b);
// `length` characters drawn uniformly (libsodium, no modulo bias) from `alphabet`, e.g. a receipt
// number a person can write down. REQUIRES: alphabet is not empty and at most 256 bytes long.
// Thread-safe.
std::string random_code(size_t length, std::string_view alphabet);
// Lower-case hex HMAC-SHA-256 of `data` under `key` (any length). Thread-safe.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

// Authenticated encryption of small secrets kept in the database (TOTP keys), so that a copy of
// the database alone (a backup, a stolen disk image) does not hold them in the clear.
// XChaCha20-Poly1305 with a random nonce per seal; `context` (e.g. "totp:42") is bound to the
// ciphertext as associated data, so a sealed value copied to another row does not open there.
// Sealed text: "sb1:" + URL-safe base64 of nonce ‖ ciphertext ‖ tag.
// A box holds a key ring: the first key seals, every key opens (so keys can be rotated: see
// `zhiku key rotate`). Thread-safe.
class SecretBox {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  static constexpr std::string_view kPrefix = "sb1:";
  using Key = std::array<unsigned char, kKeyBytes>;

  // REQUIRES: `keys` is not empty.
  explicit SecretBox(std::vector<Key> keys);
  static Key new_key();
  // A box with a random key that lives as long as the process (in-memory databases).
  static SecretBox ephemeral() { return SecretBox({new_key()}); }
  // The keys in `path`, one per line (64 hex digits each, the sealing key first); a missing file
  // is created with a fresh random key, readable by its owner alone. Throws std::runtime_error for
  // an unreadable or malformed file.
  static SecretBox from_key_file(std::filesystem::path const& path);
  // Replaces the file with these keys, atomically (a temporary file renamed over it), mode 0600.
  static void write_key_file(std::filesystem::path const& path, std::vector<Key> const& keys);

  std::string seal(std::string_view plain, std::string_view context) const;
  // The plain text, or nullopt when `sealed` is not sealed text, was sealed under no key of the
  // ring or another context, or was altered.
  std::optional<std::string> open(std::string_view sealed, std::string_view context) const;
  // True when the sealing key (the first) opens `sealed`.
  bool sealed_with_current_key(std::string_view sealed, std::string_view context) const;
  static bool is_sealed(std::string_view text) { return text.starts_with(kPrefix); }
  std::vector<Key> const& keys() const { return keys_; }

 private:
  static std::optional<std::string> open_with(std::string_view sealed, std::string_view context, Key const& key);
  std::vector<Key> keys_;
};

}  // namespace zhiku
