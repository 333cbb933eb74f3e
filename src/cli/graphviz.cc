// Runs Graphviz's `dot` with posix_spawnp. Its stdin, stdout and stderr are anonymous
// in-memory files (memfd), so no pipe can fill up and deadlock, and nothing is left on disk.

#include "graphviz.h"

#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

extern char** environ;  // NOLINT: POSIX declares it nowhere else

namespace lcsynth::cli {

namespace {
[[noreturn]] void fail(const std::string& command, std::string_view what, int err) {
  throw GraphvizError(false, fmt::format("cannot run '{}': {}: {}", command, what, std::strerror(err)));
}

// An anonymous in-memory file, closed when it goes out of scope.
class MemoryFile {
 public:
  MemoryFile(const std::string& command, const char* name) : command_(command), fd_(::memfd_create(name, MFD_CLOEXEC)) {
    if (fd_ < 0) fail(command_, "memfd_create", errno);
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  int fd() const { return fd_; }

  // Writes `text` and rewinds, so a child reading the file as stdin starts at the beginning.
  void fill(std::string_view text) {
    while (!text.empty()) {
      ssize_t n = ::write(fd_, text.data(), text.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail(command_, "write", errno);
      text.remove_prefix(static_cast<size_t>(n));
    }
    if (::lseek(fd_, 0, SEEK_SET) < 0) fail(command_, "lseek", errno);
  }

  // Everything written to the file, from its beginning.
  std::string contents() const {
    std::string out;
    char buf[65536];
    for (off_t at = 0;;) {
      ssize_t n = ::pread(fd_, buf, sizeof buf, at);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail(command_, "read", errno);
      if (n == 0) return out;
      out.append(buf, static_cast<size_t>(n));
      at += n;
    }
  }

 private:
  const std::string& command_;
  int fd_;
};

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}
}  // namespace

DotOutput run_dot(const std::string& dot_text, const std::string& format) {
  std::string type = "-T" + format;
  std::string command = "dot " + type;
  MemoryFile in(command, "lcsynth-dot-stdin"), out(command, "lcsynth-dot-stdout"), err(command, "lcsynth-dot-stderr");
  in.fill(dot_text);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fd(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.fd(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fd(), STDERR_FILENO);
  char* argv[] = {const_cast<char*>("dot"), type.data(), nullptr};
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc == ENOENT) throw GraphvizError(true, "graphviz's 'dot' was not found on PATH; install the Debian package "
                                              "graphviz, or use --format dot, mermaid or json");
  if (rc != 0) fail(command, "posix_spawnp", rc);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) fail(command, "waitpid", errno);
  std::string errors = trimmed(err.contents());
  std::string detail = errors.empty() ? "" : ":\n" + errors;
  if (WIFSIGNALED(status))
    throw GraphvizError(false, fmt::format("'{}' was killed by signal {}{}", command, WTERMSIG(status), detail));
  if (WEXITSTATUS(status) != 0)
    throw GraphvizError(false, fmt::format("'{}' failed with exit code {}{}", command, WEXITSTATUS(status), detail));
  return {out.contents(), errors};
}

}  // namespace lcsynth::cli
