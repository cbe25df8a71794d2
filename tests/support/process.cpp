#include "support/process.hpp"

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace zhiku::test {

namespace {
std::string read_all(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> const& args) {
  if (args.empty()) throw std::runtime_error("ChildProcess: no program");
  char tmpl[] = "/tmp/zhiku-proc-XXXXXX";
  if (!::mkdtemp(tmpl)) throw std::runtime_error("ChildProcess: mkdtemp failed");
  dir_ = tmpl;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, (dir_ + "/out").c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, (dir_ + "/err").c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<char*> argv;
  for (auto const& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int rc = ::posix_spawn(&pid_, args[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(rc));
  }
}

ChildProcess::~ChildProcess() {
  if (running()) {
    ::kill(pid_, SIGKILL);
    wait(std::chrono::seconds(5));
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string ChildProcess::out() const { return read_all(dir_ + "/out"); }
std::string ChildProcess::err() const { return read_all(dir_ + "/err"); }
void ChildProcess::signal(int sig) const {
  if (exit_code_ < 0) ::kill(pid_, sig);
}

bool ChildProcess::running() {
  if (exit_code_ >= 0) return false;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == 0) return true;
  if (r == pid_)
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  else
    exit_code_ = 255;  // not our child any more: treat as gone
  return false;
}

int ChildProcess::wait(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return exit_code_;
}

ProcessResult run_process(std::vector<std::string> const& args, std::chrono::milliseconds timeout) {
  ChildProcess p(args);
  ProcessResult r;
  r.exit_code = p.wait(timeout);
  r.out = p.out();
  r.err = p.err();
  return r;
}

}  // namespace zhiku::test
