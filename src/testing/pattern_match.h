#pragma once
// The matching engine behind patterns, shared by the assertions: every difference, not only
// the first, so candidates can be ranked by how close they come.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/testing/pattern.h"

namespace lcsynth::testing::detail {

struct Outcome {
  /// One line per differing property, in pattern key order: `memory_size: expected 2048, found 1024`.
  std::vector<std::string> mismatches;
  std::map<std::string, nlohmann::json> captures;
  bool ok() const { return mismatches.empty(); }
};

/// Matches `actual` (nullptr when missing) against `pattern`; `path` names `actual` in the
/// mismatch lines ("" for the root).
Outcome match_at(const nlohmann::json* actual, const Pattern& pattern, const std::string& path);

/// A value as shown in messages: compact JSON, cut to 160 characters.
std::string show(const nlohmann::json& value);

}  // namespace lcsynth::testing::detail
