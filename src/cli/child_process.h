#pragma once
// Internal to the CLI: finding a program on PATH and running it in another directory with the
// terminal inherited, as the terraform wrappers (plan, deploy, destroy, output) do.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lcsynth::cli {

/// Where a child's standard output goes; stdin and stderr are always inherited.
enum class ChildStdout {
  kInherit,   ///< streamed to the terminal (or whatever our stdout is)
  kToStderr,  ///< sent to our stderr, keeping stdout for results
  kCapture,   ///< collected into ChildResult::captured
};

struct ChildResult {
  int exit_code = 0;     ///< the exit status, or 128 + signal number when a signal killed it
  std::string captured;  ///< standard output, with ChildStdout::kCapture
};

/// Resolves `program` to an absolute path of an executable regular file: a name containing
/// '/' is taken as a path relative to the current directory; a bare name is searched in the
/// ':'-separated directories of `search_path` (an empty entry is the current directory).
/// nullopt when nothing executable is found.
std::optional<std::filesystem::path> find_program(const std::string& program, const std::string& search_path);

/// Runs `program` with `args` (argv[1..]) in directory `dir`, with our environment, and waits
/// for it. While it runs, SIGINT and SIGQUIT are ignored here and left to the child (as
/// system(3) does), so Ctrl-C stops the child gracefully and we see its exit status. Throws
/// std::system_error when it cannot be started (the directory or program is missing, the
/// program is not executable).
ChildResult run_child(const std::filesystem::path& program, const std::vector<std::string>& args,
                      const std::filesystem::path& dir, ChildStdout out = ChildStdout::kInherit);

}  // namespace lcsynth::cli
