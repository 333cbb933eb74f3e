#pragma once
// Exceptions thrown by the library and the one place where user-facing messages are worded.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lcsynth {

/// Base of every exception lcsynth throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Misuse while building the construct tree. what() starts with "[<path>] ".
class ConstructError : public Error {
 public:
  ConstructError(std::string path, std::string_view message);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// Bad user input (configuration file, --set value): names the file and key path or line.
class ConfigError : public Error {
 public:
  using Error::Error;
};

/// Output could not be written; the previous output is left as it was.
class WriteError : public Error {
 public:
  using Error::Error;
};

/// The closest candidate to `word` among `candidates` by edit distance, or "" when none is
/// close enough to suggest (distance <= max(1, size/3), and less than the word's length).
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

namespace msg {
std::string duplicate_child(std::string_view id);
std::string invalid_id(std::string_view id);
std::string tree_locked(std::string_view id);
std::string no_such_child(std::string_view id, const std::vector<std::string>& existing);
std::string no_such_stack(std::string_view id, const std::vector<std::string>& existing);
std::string stack_not_under_app(std::string_view id);
}  // namespace msg

}  // namespace lcsynth
