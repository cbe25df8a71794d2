// Configuration: every key read from TOML, errors that name the key, environment overrides, and
// the shipped config/zhiku.toml.
#include "app/config.hpp"

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using zhiku::AppConfig;
using zhiku::ConfigError;
using zhiku::load_config;
using zhiku::test::TempDir;

namespace {

std::string write_toml(TempDir const& dir, std::string const& text, std::string const& name = "zhiku.toml") {
  std::string path = dir.file(name);
  std::ofstream(path) << text;
  return path;
}

// The ConfigError message from loading `text`, or "" when it loads.
std::string config_error(std::string const& text) {
  TempDir dir;
  try {
    load_config(write_toml(dir, text), true);
  } catch (ConfigError const& e) {
    return e.what();
  }
  return "";
}

// Sets an environment variable for the scope of one test.
class ScopedEnv {
 public:
  ScopedEnv(char const* name, char const* value) : name_(name) {
    if (char const* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  char const* name_;
  std::optional<std::string> old_;
};

constexpr char kEveryKey[] = R"(
[http]
bind = "0.0.0.0"
port = 9090
threads = 3
worker_threads = 5
header_limit_bytes = 8192
body_limit_bytes = 2048
upload_limit_bytes = 4096
header_timeout_ms = 1001
body_timeout_ms = 1002
write_timeout_ms = 1003
idle_timeout_ms = 1004
max_connections = 77
shutdown_grace_ms = 1005
static_dir = "web/dist"
tls_cert = ""
tls_key = ""
behind_tls_proxy = true

[database]
path = "/var/lib/zhiku/zhiku.db"
synchronous = "normal"
busy_timeout_ms = 1234
max_batch = 32

[auth]
session_idle_minutes = 31
session_absolute_hours = 13
secure_cookies = true
login_max_failures = 6
login_lockout_seconds = 31
login_failure_window_minutes = 16
hash_concurrency = 3
hash_queue = 65
hash_ops = 4
hash_mem_mib = 32
totp_issuer = "智库 test"
application_limit_per_hour = 7

[log]
level = "debug"
access_log = false
)";

}  // namespace

TEST_CASE("a TOML file with every key fills every field", "[app][config]") {
  TempDir dir;
  AppConfig c = load_config(write_toml(dir, kEveryKey), true);
  CHECK(c.http.bind == "0.0.0.0");
  CHECK(c.http.port == 9090);
  CHECK(c.http.threads == 3);
  CHECK(c.http.worker_threads == 5);
  CHECK(c.http.header_limit_bytes == 8192);
  CHECK(c.http.body_limit_bytes == 2048);
  CHECK(c.http.upload_limit_bytes == 4096);
  CHECK(c.http.header_timeout.count() == 1001);
  CHECK(c.http.body_timeout.count() == 1002);
  CHECK(c.http.write_timeout.count() == 1003);
  CHECK(c.http.idle_timeout.count() == 1004);
  CHECK(c.http.max_connections == 77);
  CHECK(c.http.shutdown_grace.count() == 1005);
  CHECK(c.http.static_dir == "web/dist");
  CHECK(c.http.behind_tls_proxy);
  CHECK(c.database.path == "/var/lib/zhiku/zhiku.db");
  CHECK(c.database.synchronous == "NORMAL");
  CHECK(c.database.busy_timeout_ms == 1234);
  CHECK(c.database.max_batch == 32);
  CHECK(c.auth.session_idle_minutes == 31);
  CHECK(c.auth.session_absolute_hours == 13);
  CHECK(c.auth.secure_cookies);
  CHECK(c.auth.login_max_failures == 6);
  CHECK(c.auth.login_lockout_seconds == 31);
  CHECK(c.auth.login_failure_window_minutes == 16);
  CHECK(c.auth.hash_concurrency == 3);
  CHECK(c.auth.hash_queue == 65);
  CHECK(c.auth.hash_ops == 4);
  CHECK(c.auth.hash_mem_mib == 32);
  CHECK(c.auth.totp_issuer == "智库 test");
  CHECK(c.auth.application_limit_per_hour == 7);
  CHECK(c.log.level == "debug");
  CHECK_FALSE(c.log.access_log);
}

TEST_CASE("an empty file and a missing optional file give the defaults", "[app][config]") {
  TempDir dir;
  AppConfig defaults;
  for (AppConfig const& c : {load_config(write_toml(dir, ""), true), load_config(dir.file("absent.toml"), false)}) {
    CHECK(c.http.port == defaults.http.port);
    CHECK(c.http.bind == "127.0.0.1");
    CHECK(c.database.path == defaults.database.path);
    CHECK(c.database.synchronous == "FULL");
    CHECK(c.log.level == "info");
  }
}

TEST_CASE("a missing required config file is an error naming the file", "[app][config]") {
  TempDir dir;
  std::string path = dir.file("absent.toml");
  try {
    load_config(path, true);
    FAIL("expected a ConfigError");
  } catch (ConfigError const& e) {
    CHECK_THAT(e.what(), Catch::Contains(path));
  }
}

TEST_CASE("a bad value stops loading with a message naming the key", "[app][config]") {
  struct Case {
    char const* toml;
    char const* key;
    char const* problem;
  };
  std::vector<Case> const table = {
      {"[http]\nport = 70000", "http.port", "between 0 and 65535"},
      {"[http]\nport = -1", "http.port", "between 0 and 65535"},
      {"[http]\nport = \"8080\"", "http.port", "integer"},
      {"[http]\nport = 80.5", "http.port", "integer"},
      {"[http]\nthreads = 1000", "http.threads", "between"},
      {"[http]\nworker_threads = 0", "http.worker_threads", "greater than 0"},
      {"[http]\nbody_limit_bytes = -5", "http.body_limit_bytes", ""},
      {"[http]\nheader_timeout_ms = 0", "http.header_timeout_ms", "greater than 0"},
      {"[http]\nmax_connections = 3000000000", "http.max_connections", "range"},
      {"[http]\nbind = \"\"", "http.bind", "empty"},
      {"[http]\nbind = 127", "http.bind", "string"},
      {"[http]\nbehind_tls_proxy = \"yes\"", "http.behind_tls_proxy", "true or false"},
      {"[http]\ntls_cert = \"/nonexistent/cert.pem\"", "http.tls_cert", "together"},
      {"[http]\ntls_cert = \"/nonexistent/c.pem\"\ntls_key = \"/nonexistent/k.pem\"", "http.tls_cert",
       "does not exist"},
      {"[database]\nsynchronous = \"off\"", "database.synchronous", "FULL"},
      {"[database]\nmax_batch = 0", "database.max_batch", "greater than 0"},
      {"[database]\npath = \"\"", "database.path", "empty"},
      {"[auth]\nhash_mem_mib = 4", "auth.hash_mem_mib", "at least 8"},
      {"[auth]\nsecure_cookies = 1", "auth.secure_cookies", "true or false"},
      {"[log]\nlevel = \"verbose\"", "log.level", "one of"},
      {"[demo]\nseed = true", "demo.seed", "unknown"},
      {"[http]\nprot = 8080", "http.prot", "unknown"},
      {"[htp]\nport = 8080", "htp.port", "unknown"},
      {"[database]\nsynchronus = \"FULL\"", "database.synchronus", "unknown"},
  };
  for (auto const& c : table) {
    CAPTURE(c.toml);
    std::string message = config_error(c.toml);
    CHECK_THAT(message, Catch::StartsWith(std::string(c.key) + ":"));
    CHECK_THAT(message, Catch::Contains(c.problem));
  }
}

TEST_CASE("a file that is not TOML is refused with its line", "[app][config]") {
  std::string message = config_error("[http]\nport = = 8080\n");
  CHECK_THAT(message, Catch::Contains("zhiku.toml:2"));
}

TEST_CASE("ZHIKU_PORT and ZHIKU_DB override the file", "[app][config]") {
  TempDir dir;
  std::string path = write_toml(dir, "[http]\nport = 9090\n[database]\npath = \"file.db\"\n");
  {
    ScopedEnv port("ZHIKU_PORT", "7070");
    ScopedEnv db("ZHIKU_DB", "/tmp/from-env.db");
    ScopedEnv sync("ZHIKU_SYNCHRONOUS", "normal");
    AppConfig c = load_config(path, true);
    CHECK(c.http.port == 7070);
    CHECK(c.database.path == "/tmp/from-env.db");
    CHECK(c.database.synchronous == "NORMAL");
  }
  AppConfig without = load_config(path, true);
  CHECK(without.http.port == 9090);
  CHECK(without.database.path == "file.db");

  SECTION("a bad override names the variable") {
    for (char const* bad : {"80x", "70000", "-3", ""}) {
      CAPTURE(bad);
      ScopedEnv port("ZHIKU_PORT", bad);
      if (*bad == '\0') {
        CHECK(load_config(path, true).http.port == 9090);  // empty means unset
        continue;
      }
      try {
        load_config(path, true);
        FAIL("expected a ConfigError");
      } catch (ConfigError const& e) {
        CHECK_THAT(e.what(), Catch::StartsWith("ZHIKU_PORT:"));
      }
    }
  }
}

TEST_CASE("the shipped config/zhiku.toml documents every key and loads with the defaults", "[app][config]") {
  std::string path = std::string(ZHIKU_FIXTURES_DIR) + "/../../config/zhiku.toml";
  AppConfig c = load_config(path, true);
  AppConfig defaults;
  CHECK(c.http.bind == defaults.http.bind);
  CHECK(c.http.port == defaults.http.port);
  CHECK(c.http.threads == defaults.http.threads);
  CHECK(c.http.worker_threads == defaults.http.worker_threads);
  CHECK(c.http.header_limit_bytes == defaults.http.header_limit_bytes);
  CHECK(c.http.body_limit_bytes == defaults.http.body_limit_bytes);
  CHECK(c.http.upload_limit_bytes == defaults.http.upload_limit_bytes);
  CHECK(c.http.header_timeout == defaults.http.header_timeout);
  CHECK(c.http.body_timeout == defaults.http.body_timeout);
  CHECK(c.http.write_timeout == defaults.http.write_timeout);
  CHECK(c.http.idle_timeout == defaults.http.idle_timeout);
  CHECK(c.http.max_connections == defaults.http.max_connections);
  CHECK(c.http.shutdown_grace == defaults.http.shutdown_grace);
  CHECK(c.http.static_dir == defaults.http.static_dir);
  CHECK(c.http.behind_tls_proxy == defaults.http.behind_tls_proxy);
  CHECK(c.database.path == defaults.database.path);
  CHECK(c.database.synchronous == defaults.database.synchronous);
  CHECK(c.database.busy_timeout_ms == defaults.database.busy_timeout_ms);
  CHECK(c.database.max_batch == defaults.database.max_batch);
  CHECK(c.auth.session_idle_minutes == defaults.auth.session_idle_minutes);
  CHECK(c.auth.session_absolute_hours == defaults.auth.session_absolute_hours);
  CHECK(c.auth.secure_cookies == defaults.auth.secure_cookies);
  CHECK(c.auth.login_max_failures == defaults.auth.login_max_failures);
  CHECK(c.auth.login_lockout_seconds == defaults.auth.login_lockout_seconds);
  CHECK(c.auth.login_failure_window_minutes == defaults.auth.login_failure_window_minutes);
  CHECK(c.auth.hash_concurrency == defaults.auth.hash_concurrency);
  CHECK(c.auth.hash_queue == defaults.auth.hash_queue);
  CHECK(c.auth.hash_ops == defaults.auth.hash_ops);
  CHECK(c.auth.hash_mem_mib == defaults.auth.hash_mem_mib);
  CHECK(c.auth.totp_issuer == defaults.auth.totp_issuer);
  CHECK(c.auth.application_limit_per_hour == defaults.auth.application_limit_per_hour);
  CHECK(c.log.level == defaults.log.level);
  CHECK(c.log.access_log == defaults.log.access_log);

  // Every key the loader reads appears in the file, uncommented (the unknown-key check proves
  // the converse: the file has no key the loader ignores).
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (auto const& key : zhiku::known_config_keys()) {
    CAPTURE(key);
    auto dot = key.find('.');
    CHECK_THAT(text, Catch::Contains("[" + key.substr(0, dot) + "]"));
    CHECK_THAT(text, Catch::Contains("\n" + key.substr(dot + 1) + " = "));
  }
}
