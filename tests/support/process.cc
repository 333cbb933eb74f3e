// Shell commands for end-to-end tests: stdout through a pipe, stderr through a temporary file.

#include "support/process.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/scratch_dir.h"

namespace lcsynth::test {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

ProcessResult run_shell(const std::string& command, const std::string& cwd) {
  ScratchDir tmp;
  auto err_file = tmp.path() / "stderr";
  std::string full = (cwd.empty() ? "" : "cd " + shell_quote(cwd) + " && ") + "( " + command + " ) 2>" +
                     shell_quote(err_file.string()) + " </dev/null";
  ProcessResult r;
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream in(err_file);
  std::ostringstream s;
  s << in.rdbuf();
  r.err = s.str();
  return r;
}

ProcessResult lcsynth_cli(const std::string& args, const std::string& cwd) {
  return run_shell(shell_quote(LCSYNTH_BIN) + " " + args, cwd);
}

ProcessResult run_hello(const std::string& args, const std::string& cwd) { return run_shell(shell_quote(HELLO_BIN) + " " + args, cwd); }

}  // namespace lcsynth::test
