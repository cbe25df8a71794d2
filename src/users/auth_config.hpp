// Settings of sign-in, sessions and password hashing, read from [auth] in config/zhiku.toml.
#pragma once

#include <string>

namespace zhiku {

struct AuthConfig {
  int session_idle_minutes = 30;          // a session unused this long expires
  int session_absolute_hours = 12;        // a session expires this long after sign-in, used or not
  bool secure_cookies = false;            // Secure + __Host- cookie name; forced on with TLS
  int login_max_failures = 5;               // failures of one account before 429
  int login_max_failures_per_address = 30;  // failures from one client address (an office's NAT) before 429
  int login_lockout_seconds = 30;         // first lockout; doubles with each further failure
  int login_failure_window_minutes = 15;  // failures older than this are forgotten
  int hash_concurrency = 2;               // password hashes computed at once (64 MiB each)
  int hash_queue = 64;                    // sign-ins waiting for a hash slot before 503
  unsigned long long hash_ops = 3;        // argon2id opslimit
  unsigned long long hash_mem_mib = 64;   // argon2id memlimit in MiB
  std::string totp_issuer = "Zhiku 智库"; // shown in authenticator apps
  int application_limit_per_hour = 5;     // public expert applications per client address
  int application_work = 100000;          // the application form's proof of work: hashes at most (half on average)
  int receipt_lookup_max_failures = 10;   // unknown receipt numbers per client address before 429
  std::string key_file;                   // seals TOTP keys in the database; "" = zhiku.key beside it
};

}  // namespace zhiku
