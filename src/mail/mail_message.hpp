// E-mail as the outbox keeps it, and its wire form (RFC 5322 with RFC 2047 headers).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/principal.hpp"

namespace zhiku {

enum class MailStatus { pending, sending, sent, failed, uncertain };

std::string_view to_string(MailStatus s);
std::optional<MailStatus> mail_status_from(std::string_view s);

struct OutboxMessage {
  Id id = 0;
  std::optional<Id> user_id;
  std::string kind;
  std::string to_address;
  std::string subject;
  std::string body;
  MailStatus status = MailStatus::pending;
  int attempts = 0;
  std::string next_attempt_at;
  std::string last_error;
  std::string created_at;
  std::optional<std::string> sent_at;
};

// "=?UTF-8?B?...?=" encoded words (each at most 75 characters, split on UTF-8 character
// boundaries, folded with CRLF SP) when `text` is not plain printable ASCII; else `text` as is.
std::string encode_header_words(std::string_view text);

// The whole message: Date, From, To, Subject, Message-ID (<outbox-ID@domain of `from`>, the
// same for every attempt so receivers can drop a duplicate), MIME headers, the body as UTF-8
// base64 in lines of 76. Lines end with CRLF.
std::string format_message(OutboxMessage const& m, std::string const& from, std::string const& from_name,
                           std::string const& date_rfc5322);

// "Wed, 02 Dec 2026 14:00:00 +0000" for an ISO 8601 UTC time.
std::string rfc5322_date(std::string const& iso);

// Whether `address` looks like an address SMTP can take (one @, no spaces or angle brackets).
bool is_plausible_address(std::string_view address);

}  // namespace zhiku
