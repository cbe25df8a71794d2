// The server's whole configuration: one typed struct per concern, read from TOML, overridden by
// ZHIKU_* environment variables and command-line flags, validated before anything starts.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/server.hpp"
#include "mail/mail_config.hpp"
#include "storage/database.hpp"
#include "users/auth_config.hpp"

namespace zhiku {

struct LogConfig {
  std::string level = "info";  // trace | debug | info | warn | error
  bool access_log = true;      // one line per request
};

struct AppConfig {
  http::ServerConfig http;
  storage::DatabaseConfig database;
  AuthConfig auth;
  LogConfig log;
  MailConfig mail;
  SchedulerConfig scheduler;
};

// A configuration problem, naming the key: "http.port: must be between 0 and 65535".
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads `path` (a missing file is an error only when `required`; a key it does not know is an
// error, so a misspelt key is never silently ignored), then applies environment
// overrides (ZHIKU_BIND, ZHIKU_PORT, ZHIKU_DB, ZHIKU_THREADS, ZHIKU_STATIC_DIR, ZHIKU_LOG_LEVEL,
// ZHIKU_SYNCHRONOUS) and validates. Throws ConfigError.
AppConfig load_config(std::string const& path, bool required);
// Checks every value; throws ConfigError naming the first bad key.
void validate(AppConfig const& c);
// Every key load_config reads, as "section.key" (the file may hold no other key).
std::vector<std::string> known_config_keys();

// The key file that auth.key_file names, or zhiku.key beside the database file; empty for an
// in-memory database (its secrets die with it, so a per-process key will do).
std::filesystem::path key_file_path(AppConfig const& c);

}  // namespace zhiku
