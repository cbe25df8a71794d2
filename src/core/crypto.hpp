// Small cryptographic helpers shared by sessions, tokens and the audit chain.
#pragma once

#include <string>
#include <string_view>

namespace zhiku {

// Lower-case hex SHA-256 of `data`. Thread-safe.
std::string sha256_hex(std::string_view data);
// `bytes` random bytes from libsodium, as URL-safe base64 without padding. Thread-safe.
std::string random_token(size_t bytes = 32);
// Constant-time comparison of two strings (false when lengths differ).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace zhiku
