#pragma once
// Runs a shell command for end-to-end tests and captures its exit code, stdout and stderr.

#include <string>

namespace lcsynth::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `command` with /bin/sh in `cwd` ("" for the current directory).
ProcessResult run_shell(const std::string& command, const std::string& cwd = "");

/// Quotes a string for /bin/sh.
std::string shell_quote(const std::string& s);

/// The lcsynth binary of this build, and the hello example's (examples/hello), run through
/// run_shell with `args` appended.
ProcessResult lcsynth_cli(const std::string& args, const std::string& cwd = "");
ProcessResult run_hello(const std::string& args, const std::string& cwd = "");

}  // namespace lcsynth::test
