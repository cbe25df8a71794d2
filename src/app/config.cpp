#include "app/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <toml++/toml.h>

namespace zhiku {

namespace {

class Reader {
 public:
  explicit Reader(toml::table const& t) : t_(t) {}

  template <class T>
  void read(std::string const& key, T& out) {
    keys_.push_back(key);
    auto node = t_.at_path(key);
    if (!node) return;
    if constexpr (std::is_same_v<T, bool>) {
      if (auto v = node.value_exact<bool>())
        out = *v;
      else
        throw ConfigError(key + ": must be true or false");
    } else if constexpr (std::is_integral_v<T>) {
      auto v = node.value_exact<std::int64_t>();
      if (!v) throw ConfigError(key + ": must be an integer");
      if (std::is_unsigned_v<T> && *v < 0) throw ConfigError(key + ": must not be negative");
      out = static_cast<T>(*v);
      if (static_cast<std::int64_t>(out) != *v) throw ConfigError(key + ": out of range");
    } else {
      if (auto v = node.value_exact<std::string>())
        out = *v;
      else
        throw ConfigError(key + ": must be a string");
    }
  }
  void read_ms(std::string const& key, std::chrono::milliseconds& out) {
    std::int64_t ms = out.count();
    read(key, ms);
    out = std::chrono::milliseconds(ms);
  }
  // Every key read so far, in order.
  std::vector<std::string> const& keys() const { return keys_; }

  // Throws ConfigError naming the first key in the file that no read() asked for: a misspelt
  // key would otherwise be ignored silently and its default used.
  void refuse_unknown() const {
    std::set<std::string> known(keys_.begin(), keys_.end());
    check_table(t_, "", known);
  }

 private:
  static void check_table(toml::table const& t, std::string const& prefix, std::set<std::string> const& known) {
    for (auto const& [k, node] : t) {
      std::string path = prefix + std::string(k.str());
      if (auto const* sub = node.as_table())
        check_table(*sub, path + ".", known);
      else if (!known.count(path))
        throw ConfigError(path + ": unknown key");
    }
  }

  toml::table const& t_;
  std::vector<std::string> keys_;
};

void env(char const* name, auto&& apply) {
  if (char const* v = std::getenv(name); v && *v) apply(std::string(v));
}

int to_int(std::string const& key, std::string const& v) {
  try {
    size_t pos = 0;
    int n = std::stoi(v, &pos);
    if (pos != v.size()) throw std::invalid_argument(v);
    return n;
  } catch (std::exception const&) {
    throw ConfigError(key + ": must be an integer, got \"" + v + "\"");
  }
}

// Reads every key the server knows into `c`: the one list of keys (known_config_keys() replays it).
void read_all(Reader& r, AppConfig& c) {
  int port = c.http.port;
  r.read("http.bind", c.http.bind);
  r.read("http.port", port);
  if (port < 0 || port > 65535) throw ConfigError("http.port: must be between 0 and 65535");
  c.http.port = static_cast<std::uint16_t>(port);
  r.read("http.threads", c.http.threads);
  r.read("http.worker_threads", c.http.worker_threads);
  r.read("http.header_limit_bytes", c.http.header_limit_bytes);
  r.read("http.body_limit_bytes", c.http.body_limit_bytes);
  r.read("http.upload_limit_bytes", c.http.upload_limit_bytes);
  r.read_ms("http.header_timeout_ms", c.http.header_timeout);
  r.read_ms("http.body_timeout_ms", c.http.body_timeout);
  r.read_ms("http.write_timeout_ms", c.http.write_timeout);
  r.read_ms("http.idle_timeout_ms", c.http.idle_timeout);
  r.read("http.max_connections", c.http.max_connections);
  r.read_ms("http.shutdown_grace_ms", c.http.shutdown_grace);
  r.read("http.static_dir", c.http.static_dir);
  r.read("http.tls_cert", c.http.tls_cert);
  r.read("http.tls_key", c.http.tls_key);
  r.read("http.behind_tls_proxy", c.http.behind_tls_proxy);
  r.read("database.path", c.database.path);
  r.read("database.synchronous", c.database.synchronous);
  r.read("database.busy_timeout_ms", c.database.busy_timeout_ms);
  r.read("database.max_batch", c.database.max_batch);
  r.read("database.cache_mib", c.database.cache_mib);
  r.read("database.mmap_mib", c.database.mmap_mib);
  r.read("auth.session_idle_minutes", c.auth.session_idle_minutes);
  r.read("auth.session_absolute_hours", c.auth.session_absolute_hours);
  r.read("auth.secure_cookies", c.auth.secure_cookies);
  r.read("auth.login_max_failures", c.auth.login_max_failures);
  r.read("auth.login_max_failures_per_address", c.auth.login_max_failures_per_address);
  r.read("auth.login_lockout_seconds", c.auth.login_lockout_seconds);
  r.read("auth.login_failure_window_minutes", c.auth.login_failure_window_minutes);
  r.read("auth.hash_concurrency", c.auth.hash_concurrency);
  r.read("auth.hash_queue", c.auth.hash_queue);
  r.read("auth.hash_ops", c.auth.hash_ops);
  r.read("auth.hash_mem_mib", c.auth.hash_mem_mib);
  r.read("auth.totp_issuer", c.auth.totp_issuer);
  r.read("auth.application_limit_per_hour", c.auth.application_limit_per_hour);
  r.read("auth.application_work", c.auth.application_work);
  r.read("auth.receipt_lookup_max_failures", c.auth.receipt_lookup_max_failures);
  r.read("auth.key_file", c.auth.key_file);
  r.read("log.level", c.log.level);
  r.read("log.access_log", c.log.access_log);
  r.read("mail.enabled", c.mail.enabled);
  r.read("mail.smtp_url", c.mail.smtp_url);
  r.read("mail.require_tls", c.mail.require_tls);
  r.read("mail.username", c.mail.username);
  r.read("mail.password", c.mail.password);
  r.read("mail.from", c.mail.from);
  r.read("mail.from_name", c.mail.from_name);
  r.read("mail.base_url", c.mail.base_url);
  r.read("mail.poll_ms", c.mail.poll_ms);
  r.read("mail.timeout_ms", c.mail.timeout_ms);
  r.read("mail.max_attempts", c.mail.max_attempts);
  r.read("mail.retry_base_seconds", c.mail.retry_base_seconds);
  r.read("scheduler.poll_ms", c.scheduler.poll_ms);
}

}  // namespace

std::filesystem::path key_file_path(AppConfig const& c) {
  if (!c.auth.key_file.empty()) return c.auth.key_file;
  std::string const& db = c.database.path;
  if (db == ":memory:" || db.starts_with("file:")) return {};
  return std::filesystem::path(db).parent_path() / "zhiku.key";
}

std::vector<std::string> known_config_keys() {
  toml::table empty;
  Reader r(empty);
  AppConfig c;
  read_all(r, c);
  return r.keys();
}

AppConfig load_config(std::string const& path, bool required) {
  AppConfig c;
  if (!path.empty() && std::filesystem::exists(path)) {
    toml::table t;
    try {
      t = toml::parse_file(path);
    } catch (toml::parse_error const& e) {
      throw ConfigError(path + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
    }
    Reader r(t);
    read_all(r, c);
    r.refuse_unknown();
  } else if (required) {
    throw ConfigError("config file " + path + " does not exist");
  }
  env("ZHIKU_BIND", [&](std::string v) { c.http.bind = v; });
  env("ZHIKU_PORT", [&](std::string v) {
    int p = to_int("ZHIKU_PORT", v);
    if (p < 0 || p > 65535) throw ConfigError("ZHIKU_PORT: must be between 0 and 65535");
    c.http.port = static_cast<std::uint16_t>(p);
  });
  env("ZHIKU_THREADS", [&](std::string v) { c.http.threads = to_int("ZHIKU_THREADS", v); });
  env("ZHIKU_DB", [&](std::string v) { c.database.path = v; });
  env("ZHIKU_STATIC_DIR", [&](std::string v) { c.http.static_dir = v; });
  env("ZHIKU_LOG_LEVEL", [&](std::string v) { c.log.level = v; });
  env("ZHIKU_SYNCHRONOUS", [&](std::string v) { c.database.synchronous = v; });
  for (auto& ch : c.database.synchronous) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  validate(c);
  return c;
}

void validate(AppConfig const& c) {
  auto positive = [](char const* key, long long v) {
    if (v <= 0) throw ConfigError(std::string(key) + ": must be greater than 0");
  };
  if (c.http.bind.empty()) throw ConfigError("http.bind: must not be empty");
  if (c.http.threads < 0 || c.http.threads > 256) throw ConfigError("http.threads: must be between 0 and 256");
  positive("http.worker_threads", c.http.worker_threads);
  positive("auth.application_work", c.auth.application_work);
  positive("auth.receipt_lookup_max_failures", c.auth.receipt_lookup_max_failures);
  positive("http.header_limit_bytes", static_cast<long long>(c.http.header_limit_bytes));
  positive("http.body_limit_bytes", static_cast<long long>(c.http.body_limit_bytes));
  positive("http.upload_limit_bytes", static_cast<long long>(c.http.upload_limit_bytes));
  positive("http.header_timeout_ms", c.http.header_timeout.count());
  positive("http.body_timeout_ms", c.http.body_timeout.count());
  positive("http.write_timeout_ms", c.http.write_timeout.count());
  positive("http.idle_timeout_ms", c.http.idle_timeout.count());
  positive("http.max_connections", c.http.max_connections);
  if (c.http.tls_cert.empty() != c.http.tls_key.empty())
    throw ConfigError("http.tls_cert: tls_cert and tls_key must be set together");
  for (auto const* p : {&c.http.tls_cert, &c.http.tls_key})
    if (!p->empty() && !std::filesystem::exists(*p))
      throw ConfigError(std::string(p == &c.http.tls_cert ? "http.tls_cert" : "http.tls_key") + ": file " + *p +
                        " does not exist");
  if (c.database.path.empty()) throw ConfigError("database.path: must not be empty");
  if (c.database.synchronous != "FULL" && c.database.synchronous != "NORMAL")
    throw ConfigError("database.synchronous: must be \"FULL\" or \"NORMAL\"");
  positive("database.busy_timeout_ms", c.database.busy_timeout_ms);
  positive("database.max_batch", c.database.max_batch);
  positive("database.cache_mib", c.database.cache_mib);
  if (c.database.mmap_mib < 0) throw ConfigError("database.mmap_mib: must be 0 or more");
  positive("auth.session_idle_minutes", c.auth.session_idle_minutes);
  positive("auth.session_absolute_hours", c.auth.session_absolute_hours);
  positive("auth.login_max_failures", c.auth.login_max_failures);
  positive("auth.login_max_failures_per_address", c.auth.login_max_failures_per_address);
  positive("auth.login_lockout_seconds", c.auth.login_lockout_seconds);
  positive("auth.hash_concurrency", c.auth.hash_concurrency);
  positive("auth.hash_queue", c.auth.hash_queue);
  if (c.auth.hash_ops < 1) throw ConfigError("auth.hash_ops: must be at least 1");
  if (c.auth.hash_mem_mib < 8) throw ConfigError("auth.hash_mem_mib: must be at least 8");
  static constexpr char const* kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
  if (std::find(std::begin(kLevels), std::end(kLevels), c.log.level) == std::end(kLevels))
    throw ConfigError("log.level: must be one of trace, debug, info, warn, error, off");
  if (c.mail.enabled) {
    if (!c.mail.smtp_url.starts_with("smtp://") && !c.mail.smtp_url.starts_with("smtps://"))
      throw ConfigError("mail.smtp_url: must start with smtp:// or smtps://");
    if (c.mail.from.find('@') == std::string::npos) throw ConfigError("mail.from: must be an e-mail address");
  }
  positive("mail.poll_ms", c.mail.poll_ms);
  positive("mail.timeout_ms", c.mail.timeout_ms);
  positive("mail.max_attempts", c.mail.max_attempts);
  positive("mail.retry_base_seconds", c.mail.retry_base_seconds);
  positive("scheduler.poll_ms", c.scheduler.poll_ms);
}

}  // namespace zhiku
