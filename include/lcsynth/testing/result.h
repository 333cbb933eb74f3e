#pragma once
// The outcome of one assertion of the testing library: pass or fail, a message that says why,
// and the values a pattern captured.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace lcsynth::testing {

/// What an assertion found. `message` explains a failure (the closest candidates, the first
/// property that differs, expected and found) or, on success, says what matched, so that a
/// negated assertion fails with a useful message too.
struct Result {
  bool ok = false;
  std::string message;
  /// Values recorded by match::capture() in the pattern, by capture name; empty unless `ok`.
  std::map<std::string, nlohmann::json> captures;

  explicit operator bool() const { return ok; }
  /// The value captured under `name`. Throws Error (with "did you mean") when there is none,
  /// which includes every failed assertion.
  const nlohmann::json& captured(const std::string& name) const;
};

}  // namespace lcsynth::testing
