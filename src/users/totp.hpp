// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP, HMAC-SHA1), Base32 and recovery codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhiku {

// What authenticator apps assume and what totp_uri() announces.
inline constexpr int kTotpDigits = 6;
inline constexpr int kTotpPeriodSeconds = 30;

// RFC 4648 Base32 of the bytes in `bytes`, upper-case, without padding. Thread-safe.
std::string base32_encode(std::string_view bytes);

// The bytes that RFC 4648 Base32 `text` encodes, or nullopt if it is not Base32. Accepts
// lower case and trailing '=' padding; refuses any other character and impossible lengths.
// Thread-safe.
std::optional<std::string> base32_decode(std::string_view text);

// Associated data of a user's sealed TOTP secret (SecretBox): it opens for that account only.
inline std::string totp_key_context(std::int64_t user_id) { return "totp:" + std::to_string(user_id); }

// A fresh secret: 20 random bytes (libsodium), Base32 without padding (32 characters).
// Thread-safe.
std::string new_totp_secret();

// The RFC 4226 HOTP value of raw `key` at `counter`, `digits` long with leading zeros.
// Throws std::invalid_argument unless 6 <= digits <= 8. Thread-safe.
std::string hotp_code(std::string_view key, std::uint64_t counter, int digits = kTotpDigits);

// The RFC 6238 code of `base32_secret` at `unix_time` (time step floor(unix_time / period)).
// Throws std::invalid_argument for a secret that is empty or not Base32, a negative time, a
// period below 1 or digits outside 6..8. Thread-safe.
std::string totp_code(std::string_view base32_secret, std::int64_t unix_time, int digits = kTotpDigits,
                      int period = kTotpPeriodSeconds);

// The time step that `code` (6 digits; spaces are ignored, "123 456") matches at `unix_time`,
// trying the current step and `window` steps either side, or nullopt. Steps <= `last_used_step`
// never match, so a code cannot be replayed: store the returned step and pass it next time
// (pass -1 when no code has been used yet). Every candidate is computed and compared in constant
// time. A code that is not 6 digits is simply refused. Throws std::invalid_argument for a secret
// that is empty or not Base32, a negative time or a negative window. Thread-safe.
std::optional<std::int64_t> totp_verify(std::string_view secret, std::string_view code, std::int64_t unix_time,
                                        std::int64_t last_used_step, int window = 1);

// The otpauth:// URI that authenticator apps import (usually as a QR code):
// otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30, with
// issuer and account percent-encoded as UTF-8 (so Chinese names survive). Thread-safe.
std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret);

// `n` distinct one-time recovery codes such as "k7m2-9xqp-4tdw": 12 characters from a 31-letter
// lower-case alphabet without look-alikes (0 o 1 l i), about 59 bits each. Throws
// std::invalid_argument if n < 0. Thread-safe.
std::vector<std::string> new_recovery_codes(int n = 10);

// The form recovery codes are hashed and compared in: ASCII lower case, without whitespace and
// dashes ("K7M2 9XQP-4tdw" -> "k7m29xqp4tdw"). Thread-safe.
std::string normalize_recovery_code(std::string_view code);

}  // namespace zhiku
