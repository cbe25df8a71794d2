// Runs the built zhiku binary (or any program) from tests: to completion with its output
// captured, or in the background to be signalled and waited for.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <sys/types.h>

namespace zhiku::test {

struct ProcessResult {
  int exit_code = -1;  // the exit status, or 128 + signal when killed by one
  std::string out;     // everything written to stdout
  std::string err;     // everything written to stderr
};

// A child process whose stdout and stderr go to files in a private temporary directory.
class ChildProcess {
 public:
  // Starts `args` (args[0] is the program path). Throws std::runtime_error when it cannot.
  explicit ChildProcess(std::vector<std::string> const& args);
  // Kills the process (SIGKILL) if it is still running, and removes the output files.
  ~ChildProcess();
  ChildProcess(ChildProcess const&) = delete;
  ChildProcess& operator=(ChildProcess const&) = delete;

  pid_t pid() const { return pid_; }
  std::string out() const;  // stdout so far
  std::string err() const;  // stderr so far
  void signal(int sig) const;
  // Waits for the process to end; kills it with SIGKILL after `timeout`. Returns the exit code
  // (128 + signal when a signal ended it).
  int wait(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  bool running();

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
  std::string dir_;
};

// Runs `args` to completion (at most `timeout`) and returns its exit code and output.
ProcessResult run_process(std::vector<std::string> const& args,
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace zhiku::test
