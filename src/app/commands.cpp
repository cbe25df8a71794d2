#include "app/commands.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/app.hpp"
#include "app/demo/demo.hpp"
#include "app/services.hpp"
#include "storage/migrations.hpp"

namespace zhiku {

void add_commands(CLI::App& cli, CommandLine& cmd) {
  auto* config_opt = cli.add_option("-c,--config", cmd.config_path, "configuration file (TOML)");
  config_opt->check(CLI::ExistingFile);

  auto* serve = cli.add_subcommand("serve", "run the HTTP server");
  serve->add_option("--port", cmd.port, "port to listen on (overrides http.port)")->check(CLI::Range(0, 65535));
  serve->add_option("--db", cmd.db, "database file (overrides database.path)");
  serve->add_option("--bind", cmd.bind, "address to listen on (overrides http.bind)");
  serve->add_option("--static-dir", cmd.static_dir, "built web UI directory (overrides http.static_dir)");

  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations and exit");
  migrate->add_option("--db", cmd.db, "database file (overrides database.path)");

  auto* backup = cli.add_subcommand("backup", "copy the database consistently, even while the server runs");
  backup->add_option("FILE", cmd.backup_file, "destination file")->required();
  backup->add_option("--db", cmd.db, "database file (overrides database.path)");

  cli.add_subcommand("version", "print the version");
  auto* user = cli.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "create an account (e.g. the first admin) with a chosen password");
  user_add->add_option("--username", cmd.username, "user name: 3 to 32 of A-Z a-z 0-9 _ . -")->required();
  user_add->add_option("--role", cmd.roles, "admin, coordinator, expert or leader (repeatable)")
      ->required()
      ->check(CLI::IsMember({"admin", "coordinator", "expert", "leader"}));
  user_add->add_option("--display-name", cmd.display_name, "name shown in the UI (default: the user name)");
  user_add->add_option("--email", cmd.email, "e-mail address");
  user_add->add_flag("--password-stdin", cmd.password_stdin, "read the password from standard input")->required();
  user_add->add_option("--db", cmd.db, "database file (overrides database.path)");
  auto* user_passwd = user->add_subcommand("passwd", "set an account's password (ends its sessions)");
  user_passwd->add_option("USERNAME", cmd.username, "the account")->required();
  user_passwd->add_flag("--password-stdin", cmd.password_stdin, "read the password from standard input")->required();
  user_passwd->add_option("--db", cmd.db, "database file (overrides database.path)");
  auto* user_reset_2fa = user->add_subcommand(
      "reset-2fa", "turn an account's two-factor sign-in off (lost phone, or a lost key file); ends its sessions");
  user_reset_2fa->add_option("USERNAME", cmd.username, "the account")->required();
  user_reset_2fa->add_option("--db", cmd.db, "database file (overrides database.path)");
  auto* key = cli.add_subcommand("key", "the key file that seals two-factor keys in the database");
  key->require_subcommand(1);
  auto* key_rotate = key->add_subcommand(
      "rotate", "replace the key with a new one and reseal every two-factor key (stop the server first)");
  key_rotate->add_option("--db", cmd.db, "database file (overrides database.path)");
  auto* audit = cli.add_subcommand("audit", "audit log tools");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "check the audit log's hash chain; exit 1 at the first bad row");
  audit_verify->add_option("--db", cmd.db, "database file (overrides database.path)");
  auto* import = cli.add_subcommand("import", "import data from a spreadsheet");
  auto* import_experts =
      import->add_subcommand("experts", "import experts from CSV or XLSX: every row valid, or none imported");
  import_experts->add_option("FILE", cmd.import_file, "the spreadsheet (.csv in UTF-8 or GB18030, or .xlsx)")
      ->required()
      ->check(CLI::ExistingFile);
  import_experts->add_flag("--dry-run", cmd.dry_run, "validate and report, import nothing");
  import_experts->add_option("--status", cmd.import_status, "status of the imported experts (default pending)")
      ->check(CLI::IsMember({"pending", "active"}));
  import_experts->add_option("--db", cmd.db, "database file (overrides database.path)");
  auto* demo = cli.add_subcommand("demo", "the demo database");
  demo->require_subcommand(1);
  auto* demo_seed = demo->add_subcommand(
      "seed", "add every module's demo records (after the demo accounts and experts exist; a second run adds nothing)");
  demo_seed->add_option("--db", cmd.db, "database file (overrides database.path)");
}

namespace {

AppConfig config_for(CLI::App& cli, CommandLine const& cmd) {
  bool given = cli.get_option("--config")->count() > 0;
  AppConfig c = load_config(cmd.config_path, given);
  if (cmd.port >= 0) c.http.port = static_cast<std::uint16_t>(cmd.port);
  if (!cmd.db.empty()) c.database.path = cmd.db;
  if (!cmd.bind.empty()) c.http.bind = cmd.bind;
  if (!cmd.static_dir.empty()) c.http.static_dir = cmd.static_dir;
  validate(c);
  return c;
}

void configure_logging(LogConfig const& log) {
  spdlog::set_level(spdlog::level::from_str(log.level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
}

// The password for `user add` / `user passwd`: one line of standard input, never an
// argument (it would show in the process list and the shell history).
std::string read_password_line() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) throw std::runtime_error("no password on standard input");
  return line;
}

int user_command(CLI::App& user, AppConfig const& c, CommandLine const& cmd) {
  storage::Database db(c.database);
  Clock clock;
  Services services(db, c, clock);
  Actor const cli = Actor::system("cli");
  try {
    if (user.got_subcommand("add")) {
      NewUser u;
      u.username = cmd.username;
      u.display_name = cmd.display_name.empty() ? cmd.username : cmd.display_name;
      u.email = cmd.email;
      for (auto const& name : cmd.roles)
        if (auto r = role_from_string(name)) u.roles.add(*r);
      auto created = services.users.create_with_password(cli, u, read_password_line(), false);
      std::cout << "created user " << created.username << " (id " << created.id << ", roles";
      for (auto const& r : created.roles.names()) std::cout << " " << r;
      std::cout << ")\n";
      return 0;
    }
    if (user.got_subcommand("reset-2fa")) {
      auto u = services.users.find_by_username(cmd.username);
      if (!u) throw Error::not_found("no user " + cmd.username);
      services.users.reset_totp(cli, u->id);
      std::cout << "two-factor sign-in reset for " << u->username
                << "; their sessions were ended (admins and leaders enrol again at their next sign-in)\n";
      return 0;
    }
    services.users.set_password(cli, cmd.username, read_password_line(), false);
    std::cout << "password set for " << cmd.username << "; their sessions were ended\n";
    return 0;
  } catch (Error const& e) {
    std::cerr << "error: ";
    if (e.errors().empty()) std::cerr << e.detail() << "\n";
    for (auto const& fe : e.errors()) std::cerr << fe.field << ": " << fe.message << "\n";
    return 1;
  }
}

// `zhiku key rotate`: a new key goes first in the key file (the old one stays to open
// what it sealed), every TOTP key is resealed with it in one transaction, then the file is left
// with the new key alone. A server running meanwhile holds the old key: stop it first.
int key_rotate(AppConfig const& c) {
  auto path = key_file_path(c);
  if (path.empty()) {
    std::cerr << "an in-memory database has no key file\n";
    return 1;
  }
  auto const old_keys = SecretBox::from_key_file(path).keys();
  auto const key = SecretBox::new_key();
  std::vector<SecretBox::Key> ring{key};
  ring.insert(ring.end(), old_keys.begin(), old_keys.end());
  SecretBox::write_key_file(path, ring);
  AuthService::Resealed done;
  {
    storage::Database db(c.database);
    Clock clock;
    Services services(db, c, clock);  // reads the ring just written
    done = services.auth.reseal_totp_keys();
  }
  SecretBox::write_key_file(path, {key});
  std::cout << "new key in " << path.string() << "; " << done.resealed << " two-factor keys resealed";
  if (done.unreadable > 0) std::cout << ", " << done.unreadable << " no key opened (reset them: zhiku user reset-2fa)";
  std::cout << "\n";
  return 0;
}

int audit_verify(AppConfig const& c) {
  storage::Database db(c.database);
  auto conn = db.read();
  Clock clock;
  auto v = AuditLog(clock).verify(*conn);
  if (v.ok) {
    std::cout << "OK: " << v.rows_checked << " audit rows, chain intact\n";
    return 0;
  }
  std::cout << "FAILED at audit row " << (v.first_bad_id ? std::to_string(*v.first_bad_id) : "?") << ": " << v.problem
            << " (" << v.rows_checked << " rows checked)\n";
  return 1;
}

int serve(AppConfig const& c) {
  App app(c);
  auto port = app.start();
  spdlog::info("zhiku {} listening on http://{}:{} (database {})", version_string(), c.http.bind, port,
               c.database.path);
  app.wait(/*handle_signals=*/true);
  spdlog::info("zhiku stopped");
  return 0;
}

// `zhiku import experts FILE [--dry-run] [--status pending|active]`: the API's validation and all-or-nothing
// commit, as the system. Prints each row error; exits 1 when there are any.
int import_experts(AppConfig const& c, CommandLine const& cmd) {
  std::ifstream in(cmd.import_file, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << cmd.import_file << "\n";
    return 1;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  App app(c);
  auto initial = expert_status_from_string(cmd.import_status).value_or(ExpertStatus::pending);
  auto out = app.services().experts.import(Actor::system("cli"), bytes, cmd.import_file, cmd.dry_run, initial);
  for (auto const& e : out.plan.errors)
    std::cerr << "row " << e.row << (e.column.empty() ? "" : ", " + e.column) << ": " << e.message << "\n";
  std::cout << out.plan.rows_total << " rows, " << out.plan.valid_rows() << " valid, " << out.plan.errors.size()
            << " errors; " << (cmd.dry_run ? "dry run, nothing imported" : std::to_string(out.imported) + " imported")
            << "\n";
  return out.plan.errors.empty() ? 0 : 1;
}

// `zhiku demo seed`: every module's demo records through the services (src/app/demo/).
int demo_seed(AppConfig const& c) {
  storage::Database db(c.database);
  Clock clock;
  Services services(db, c, clock);
  for (auto const& line : demo::seed(services)) std::cout << line << "\n";
  return 0;
}

}  // namespace

int run_command(CLI::App& cli, CommandLine const& cmd) {
  try {
    if (cli.got_subcommand("version")) {
      std::cout << "zhiku " << version_string() << "\n";
      return 0;
    }
    AppConfig c = config_for(cli, cmd);
    configure_logging(c.log);
    if (cli.got_subcommand("serve")) return serve(c);
    if (cli.got_subcommand("migrate")) {
      storage::Connection conn(
          storage::ConnectionOptions{c.database.path, c.database.synchronous, c.database.busy_timeout_ms, false});
      auto report = storage::migrate(conn, storage::embedded_migrations());
      for (auto const& name : report.applied) std::cout << "applied " << name << "\n";
      std::cout << report.applied.size() << " applied, " << report.already << " already applied\n";
      return 0;
    }
    if (cli.got_subcommand("backup")) {
      storage::Connection conn(storage::ConnectionOptions{c.database.path, "FULL", c.database.busy_timeout_ms, true});
      storage::backup_connection(conn, cmd.backup_file);
      std::cout << "backed up " << c.database.path << " to " << cmd.backup_file << "\n";
      return 0;
    }
    if (auto* user = cli.get_subcommand("user"); user->parsed()) return user_command(*user, c, cmd);
    if (auto* audit = cli.get_subcommand("audit"); audit->got_subcommand("verify")) return audit_verify(c);
    if (auto* key = cli.get_subcommand("key"); key->got_subcommand("rotate")) return key_rotate(c);
    if (auto* import = cli.get_subcommand("import"); import->got_subcommand("experts")) return import_experts(c, cmd);
    if (auto* demo = cli.get_subcommand("demo"); demo->got_subcommand("seed")) return demo_seed(c);
  } catch (ConfigError const& e) {
    std::cerr << "configuration error: " << e.what() << "\n";
    return 2;
  } catch (storage::MigrationError const& e) {
    std::cerr << "database error: " << e.what() << "\n";
    return 3;
  } catch (std::exception const& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "unknown command\n";
  return 2;
}

}  // namespace zhiku
