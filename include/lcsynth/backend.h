#pragma once
// Where a stack keeps its Terraform state. Rendered into the terraform block, literally.

#include <optional>
#include <string>
#include <variant>

namespace lcsynth {

/// State in a local file. `path` is relative to the stack's working directory; empty means
/// "../../../terraform.<stack>.tfstate", i.e. beside the output directory, as cdktf does, so
/// that deleting or regenerating the output never deletes state.
struct LocalBackend {
  std::string path;
};

/// State in S3 with S3-native locking (use_lockfile, Terraform >= 1.10): how teams share state.
struct S3Backend {
  std::string bucket;
  std::string key;
  std::string region;
  bool use_lockfile = true;
  bool encrypt = true;
  std::optional<std::string> kms_key_id;
  std::optional<std::string> workspace_key_prefix;
};

using Backend = std::variant<LocalBackend, S3Backend>;

/// The state file of stack `stack` under `backend`, relative to the stack's working directory.
inline std::string local_state_path(const LocalBackend& backend, const std::string& stack) {
  return backend.path.empty() ? "../../../terraform." + stack + ".tfstate" : backend.path;
}

}  // namespace lcsynth
