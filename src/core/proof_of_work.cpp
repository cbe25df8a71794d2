// The public forms' proof of work: signed challenges and their check.
#include "core/proof_of_work.hpp"

#include <charconv>

#include "core/crypto.hpp"

namespace zhiku {

namespace {

constexpr char kExpired[] = "安全验证已过期，请重新提交";
constexpr char kWrong[] = "安全验证未通过，请刷新页面后重新提交";

std::optional<std::int64_t> expiry_of(std::string_view salt) {
  auto dot = salt.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::int64_t seconds = 0;
  auto digits = salt.substr(dot + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return seconds;
}

std::int64_t unix_of(SysTime t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }

}  // namespace

ProofOfWork::ProofOfWork(std::int64_t max_number, std::chrono::seconds lifetime)
    : key_(random_token(32)), max_number_(max_number), lifetime_(lifetime) {}

WorkChallenge ProofOfWork::issue(SysTime now) const {
  SysTime const expires = now + lifetime_;
  WorkChallenge c;
  c.salt = random_token(12) + "." + std::to_string(unix_of(expires));
  // The number is secret only until solved; a uniform draw from libsodium keeps the work even.
  std::string digits = random_code(18, "0123456789");
  std::int64_t number = static_cast<std::int64_t>(std::stoull(digits) % static_cast<std::uint64_t>(max_number_ + 1));
  c.challenge = sha256_hex(c.salt + std::to_string(number));
  c.max_number = max_number_;
  c.signature = hmac_sha256_hex(key_, c.salt + c.challenge);
  c.expires_at = to_iso(std::chrono::time_point_cast<std::chrono::seconds>(expires));
  return c;
}

std::optional<std::string> ProofOfWork::why_not(WorkSolution const& s, SysTime now) const {
  if (s.salt.empty() || s.salt.size() > 100 || s.number < 0 || s.number > max_number_) return kWrong;
  std::string const challenge = sha256_hex(s.salt + std::to_string(s.number));
  if (!constant_time_equal(hmac_sha256_hex(key_, s.salt + challenge), s.signature)) return kWrong;
  auto expires = expiry_of(s.salt);  // signed with the salt, so it cannot be moved
  if (!expires || unix_of(now) >= *expires) return kExpired;
  return std::nullopt;
}

std::optional<std::int64_t> solve(WorkChallenge const& c) {
  for (std::int64_t n = 0; n <= c.max_number; ++n)
    if (sha256_hex(c.salt + std::to_string(n)) == c.challenge) return n;
  return std::nullopt;
}

}  // namespace zhiku
