// Delivers one message over SMTP with libcurl (STARTTLS when the server offers it, or required).
#pragma once

#include <string>

#include "mail/mail_config.hpp"

namespace zhiku {

struct SmtpResult {
  bool delivered = false;
  std::string error;  // curl's words and the server's last reply when not delivered
};

class SmtpSender {
 public:
  explicit SmtpSender(MailConfig config);
  // Sends `message` (a whole RFC 5322 text) from config.from to `to`. Blocks for at most
  // config.timeout_ms. Thread-safe (one curl handle per call).
  SmtpResult send(std::string const& to, std::string const& message) const;

 private:
  MailConfig config_;
};

}  // namespace zhiku
