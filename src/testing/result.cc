// Result: captured values by name, with a "did you mean" for a misspelt capture name.

#include "lcsynth/testing/result.h"

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth::testing {

const nlohmann::json& Result::captured(const std::string& name) const {
  if (auto it = captures.find(name); it != captures.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [n, value] : captures) names.push_back(n);
  if (!ok) throw Error(fmt::format("no capture named '{}': the assertion failed: {}", name, message));
  throw Error(fmt::format("no capture named '{}'{}", name, did_you_mean(name, names)));
}

}  // namespace lcsynth::testing
