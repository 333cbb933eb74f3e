#pragma once
// The LibreChat deployment as two stacks:
//   librechat-registry  the ECR repository, applied first so an image can be pushed;
//   librechat           redis, backend, api-gateway and frontend, wired as the spec draws them.

#include "lcsynth/app.h"
#include "lcsynth/catalog.h"
#include "lcsynth/expr.h"
#include "lcsynth/stack.h"
#include "stacks/librechat/config.h"

namespace lcsynth::librechat {

inline constexpr const char* kRegistryStack = "librechat-registry";
inline constexpr const char* kStack = "librechat";
/// hashicorp/aws from 6.26: REST API response streaming (response_transfer_mode, 6.25) with a
/// 900 s integration timeout (6.26).
inline constexpr const char* kAwsProviderVersion = ">= 6.26, < 7.0";
/// Terraform 1.10 brought the S3 backend's use_lockfile.
inline constexpr const char* kTerraformVersion = ">= 1.10";

/// The librechat-registry stack: the ECR repository, applied first so an image can be pushed
/// before the function that runs it exists.
class RegistryStack : public Stack {
 public:
  RegistryStack(Construct& app, std::string id, const LibreChatConfig& config);
  /// The repository URL; another stack reading it gets it through terraform_remote_state and
  /// depends on this stack.
  Expr repository_url() const;
};

/// The registry stack's content under `scope`: the ECR repository `id` and the output
/// "repository_url". Returns the repository's URL.
Expr add_registry(Construct& scope, const std::string& id, const LibreChatConfig& config);
/// The app's registry stack, added from `config` when the app has none yet.
RegistryStack& build_registry_stack(App& app, const LibreChatConfig& config);
/// The librechat stack; adds the registry stack it reads when the app lacks it.
Stack& build_librechat_stack(App& app, const LibreChatConfig& config);
/// What the librechat stack holds, under `scope`: redis, backend, api_gateway and frontend,
/// wired together, with the function's image read from `ecr_repository_url`, and the stack's
/// outputs (url, cloudfront_domain_name, ...). lcsynth-bench adds it N times to one stack.
void add_librechat_services(Construct& scope, const LibreChatConfig& config, Expr ecr_repository_url);

/// The backend for one of the two stacks: the configured one, with "-registry" added to the
/// registry stack's state file name so the two stacks never share state.
lcsynth::Backend backend_for(const LibreChatConfig& config, const std::string& stack);

/// Registers both stacks; each loads the configuration with load_librechat_config().
void add_librechat_stacks(StackCatalog& catalog);

}  // namespace lcsynth::librechat
