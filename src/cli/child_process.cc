// Child processes with posix_spawn: the working directory changes in the child only
// (posix_spawn_file_actions_addchdir_np, glibc >= 2.29), so ours never moves, and a program
// that cannot be started is reported by posix_spawn itself rather than by a half-run child.

#include "child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <system_error>

extern char** environ;

namespace lcsynth::cli {

namespace fs = std::filesystem;

namespace {
bool is_executable_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

// The file actions and attributes of one spawn, destroyed whatever happens.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// Ignores SIGINT and SIGQUIT while it lives: a Ctrl-C reaches the whole foreground process
// group, and the child (terraform) must get the chance to stop cleanly and report its status.
class IgnoreInterrupts {
 public:
  IgnoreInterrupts() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_int_);
    sigaction(SIGQUIT, &ignore, &old_quit_);
  }
  ~IgnoreInterrupts() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGQUIT, &old_quit_, nullptr);
  }
  IgnoreInterrupts(const IgnoreInterrupts&) = delete;
  IgnoreInterrupts& operator=(const IgnoreInterrupts&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_quit_ {};
};

void check(int error, const std::string& what) {
  if (error != 0) throw std::system_error(error, std::generic_category(), what);
}

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) out.append(buf, static_cast<size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  return out;
}
}  // namespace

std::optional<fs::path> find_program(const std::string& program, const std::string& search_path) {
  if (program.empty()) return std::nullopt;
  if (program.find('/') != std::string::npos) {
    fs::path p = fs::absolute(program).lexically_normal();
    return is_executable_file(p) ? std::optional(p) : std::nullopt;
  }
  // Split by hand: "a:" and "::" hold empty entries, which mean the current directory.
  for (size_t start = 0;;) {
    size_t end = search_path.find(':', start);
    std::string dir = search_path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    fs::path candidate = fs::absolute(fs::path(dir.empty() ? "." : dir) / program).lexically_normal();
    if (is_executable_file(candidate)) return candidate;
    if (end == std::string::npos) return std::nullopt;
    start = end + 1;
  }
}

ChildResult run_child(const fs::path& program, const std::vector<std::string>& args, const fs::path& dir, ChildStdout out) {
  std::vector<char*> argv{const_cast<char*>(program.c_str())};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  SpawnSetup setup;
  check(posix_spawn_file_actions_addchdir_np(&setup.actions, dir.c_str()), "posix_spawn_file_actions_addchdir_np");
  int pipe_fds[2] = {-1, -1};
  if (out == ChildStdout::kToStderr) check(posix_spawn_file_actions_adddup2(&setup.actions, STDERR_FILENO, STDOUT_FILENO), "adddup2");
  if (out == ChildStdout::kCapture) {
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
    check(posix_spawn_file_actions_adddup2(&setup.actions, pipe_fds[1], STDOUT_FILENO), "adddup2");
  }
  // The child gets the default dispositions back, even though we ignore them meanwhile.
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGQUIT);
  posix_spawnattr_setsigdefault(&setup.attributes, &defaults);
  posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETSIGDEF);

  std::cout.flush();  // what we printed so far comes before what the child prints
  std::cerr.flush();
  std::fflush(nullptr);
  IgnoreInterrupts ignore;
  pid_t pid = 0;
  int error = posix_spawn(&pid, program.c_str(), &setup.actions, &setup.attributes, argv.data(), environ);
  if (pipe_fds[1] >= 0) ::close(pipe_fds[1]);
  ChildResult result;
  if (error == 0 && pipe_fds[0] >= 0) result.captured = read_all(pipe_fds[0]);
  if (pipe_fds[0] >= 0) ::close(pipe_fds[0]);
  if (error != 0) throw std::system_error(error, std::generic_category(), program.string());

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace lcsynth::cli
