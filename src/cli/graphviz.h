#pragma once
// Internal to the CLI: Graphviz's `dot` turns DOT text into SVG or PNG. The library only
// writes DOT; running another program is the command line's business.

#include <stdexcept>
#include <string>

namespace lcsynth::cli {

/// `dot` could not render: not installed, or it failed. what() is the message for the user.
class GraphvizError : public std::runtime_error {
 public:
  GraphvizError(bool not_found, const std::string& message) : std::runtime_error(message), not_found_(not_found) {}
  /// True when no `dot` is on PATH (a usage problem, exit 2) rather than a failing run.
  bool not_found() const { return not_found_; }

 private:
  bool not_found_;
};

/// What a successful `dot` run printed.
struct DotOutput {
  std::string out;       ///< the rendering (binary for PNG)
  std::string warnings;  ///< its stderr, trailing newlines removed; usually ""
};

/// Runs `dot -T<format>` from PATH with `dot_text` on its stdin. Throws GraphvizError when
/// `dot` is not on PATH, cannot be started, exits non-zero or is killed (the message holds
/// the command, its exit status and its stderr).
DotOutput run_dot(const std::string& dot_text, const std::string& format);

}  // namespace lcsynth::cli
