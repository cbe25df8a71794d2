// The zhiku command: parse the command line, load the configuration, run the chosen command.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/commands.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"Zhiku 智库: the think-tank pilot's server"};
  cli.require_subcommand(1);
  zhiku::CommandLine cmd;
  zhiku::add_commands(cli, cmd);
  try {
    cli.parse(argc, argv);
  } catch (CLI::ParseError const& e) {
    return cli.exit(e);
  }
  return zhiku::run_command(cli, cmd);
}
