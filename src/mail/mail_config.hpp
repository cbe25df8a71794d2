// [mail] in config/zhiku.toml: whether notifications also go out by e-mail, and how.
#pragma once

#include <string>

namespace zhiku {

struct MailConfig {
  bool enabled = false;                           // false: no outbox rows are written, nothing is sent
  std::string smtp_url = "smtp://127.0.0.1:25";   // smtp:// (STARTTLS when offered) or smtps://
  bool require_tls = false;                       // true: refuse to send unless STARTTLS succeeds
  std::string username;                           // SMTP AUTH, when both are set
  std::string password;
  std::string from = "zhiku@localhost";           // envelope and From: address
  std::string from_name = "智库专家管理平台";      // From: display name (RFC 2047 encoded)
  std::string base_url = "http://localhost:8080"; // links in e-mails: base_url + the notification's link
  int poll_ms = 5000;                             // how often the sender looks for due e-mail
  int timeout_ms = 20000;                         // one SMTP delivery, connect included
  int max_attempts = 8;                           // then the e-mail is 'failed'
  int retry_base_seconds = 60;                    // back-off: base × 2^(attempt − 1), at most 6 hours
};

// [scheduler]
struct SchedulerConfig {
  int poll_ms = 30000;  // how often due reminders are looked for
};

}  // namespace zhiku
