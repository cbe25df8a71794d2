#include "app/commands.hpp"

#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
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
  serve->add_flag("--demo", cmd.demo, "fill an empty database with demo data first");

  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations and exit");
  migrate->add_option("--db", cmd.db, "database file (overrides database.path)");

  auto* backup = cli.add_subcommand("backup", "copy the database consistently, even while the server runs");
  backup->add_option("FILE", cmd.backup_file, "destination file")->required();
  backup->add_option("--db", cmd.db, "database file (overrides database.path)");

  cli.add_subcommand("version", "print the version");
  // [identity] user and audit subcommands
  // [experts] import subcommand
}

namespace {

AppConfig config_for(CLI::App& cli, CommandLine const& cmd) {
  bool given = cli.get_option("--config")->count() > 0;
  AppConfig c = load_config(cmd.config_path, given);
  if (cmd.port >= 0) c.http.port = static_cast<std::uint16_t>(cmd.port);
  if (!cmd.db.empty()) c.database.path = cmd.db;
  if (!cmd.bind.empty()) c.http.bind = cmd.bind;
  if (!cmd.static_dir.empty()) c.http.static_dir = cmd.static_dir;
  if (cmd.demo) c.demo.seed = true;
  validate(c);
  return c;
}

void configure_logging(LogConfig const& log) {
  spdlog::set_level(spdlog::level::from_str(log.level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
}

int serve(AppConfig const& c) {
  App app(c);
  if (c.demo.seed) app.seed_demo();
  auto port = app.start();
  spdlog::info("zhiku {} listening on http://{}:{} (database {})", version_string(), c.http.bind, port,
               c.database.path);
  app.wait(/*handle_signals=*/true);
  spdlog::info("zhiku stopped");
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
      storage::Connection conn(storage::ConnectionOptions{c.database.path, c.database.synchronous,
                                                          c.database.busy_timeout_ms, false});
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
    // [identity] user and audit commands
    // [experts] import command
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
