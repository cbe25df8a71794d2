// The subcommands of the zhiku binary: serve, migrate, backup, version (and, from their modules,
// user, import, audit). CLI11 lives here and in main.cpp only.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace zhiku {

// Everything the command line can set; filled by CLI11, read by run_command.
struct CommandLine {
  std::string config_path = "config/zhiku.toml";
  bool config_given = false;
  // serve overrides
  int port = -1;
  std::string db;
  std::string bind;
  std::string static_dir;
  // backup
  std::string backup_file;
  // user add / passwd
  std::string username;
  std::string display_name;
  std::string email;
  std::vector<std::string> roles;
  bool password_stdin = false;
  // import experts
  std::string import_file;
  bool dry_run = false;
  std::string import_status = "pending";  // pending | active
};

void add_commands(CLI::App& cli, CommandLine& cmd);
// Runs the parsed subcommand; returns the process exit code. Prints errors to stderr.
int run_command(CLI::App& cli, CommandLine const& cmd);

}  // namespace zhiku
