#pragma once
// Reading back the manifest.json of a synthesized output, so that a program can work on an
// output directory without synthesizing again (`lcsynth plan --skip-synth`).

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/stack_order.h"

namespace lcsynth {

/// The stacks a manifest records, in the manifest's order (by name, as the writer sorts keys):
/// the key under "stacks" is the name, "workingDirectory" a relative path inside the output
/// directory and "dependencies" an array of stack names. `source` names the manifest in
/// errors. Throws ConfigError naming the source and key path, what was expected and what was
/// found, for a manifest without a "stacks" object or with a malformed entry.
std::vector<StackNode> manifest_stacks(const nlohmann::json& manifest, const std::string& source);

/// Reads `path` and returns manifest_stacks() of it. Throws ConfigError naming the file for a
/// missing or unreadable file, and with line and column for invalid JSON.
std::vector<StackNode> read_manifest_stacks(const std::filesystem::path& path);

}  // namespace lcsynth
