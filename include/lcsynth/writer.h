#pragma once
// Writes an Assembly to an output directory atomically: either the whole new output is in
// place, or the previous output is exactly as it was.

#include <cstddef>
#include <filesystem>

#include "lcsynth/filesystem.h"
#include "lcsynth/synthesizer.h"

namespace lcsynth {

/// What write_assembly() wrote.
struct WriteSummary {
  size_t files = 0;  ///< files written (manifest.json included)
  size_t bytes = 0;  ///< their total size
};

/// Writes every file of `assembly` into a staging directory beside `out`, carries over what
/// Terraform keeps in the old output (.terraform/, lock files, local state: everything that is
/// not manifest.json, a cdk.tf.json or a modules/ tree), then swaps the staging directory
/// into place in one atomic rename. Concurrent writers to one `out` are serialized by a lock
/// on its parent directory. Throws WriteError, leaving the previous output untouched.
WriteSummary write_assembly(const Assembly& assembly, const std::filesystem::path& out, FileSystem& fs);

}  // namespace lcsynth
