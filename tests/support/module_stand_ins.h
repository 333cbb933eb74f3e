#pragma once
// Offline Terraform for synthesized stacks that call registry modules: installs
// interface-only stand-ins (the modules' real variables and outputs at the pinned versions,
// from src/schema/registry_modules/*.json) into .terraform/modules with the manifest that
// `terraform init` itself writes, so `terraform init -get=false` accepts them.

#include <filesystem>
#include <string>
#include <vector>

#include "support/terraform.h"

namespace lcsynth::test {

/// Installs stand-ins for every registry module called from `stack_dir` (its cdk.tf.json and
/// local modules, recursively). Throws std::runtime_error for a module with no interface data.
void install_registry_stand_ins(const std::filesystem::path& stack_dir);

/// Lowers exactly the hashicorp/aws 6.x-only settings in the synthesized JSON under
/// `stack_dir` so the 5.100.0 provider of the local mirror accepts it: the provider version
/// constraint, aws_api_gateway_integration.response_transfer_mode, and its timeout_milliseconds
/// above 29000. Returns one line per change, for the test to print.
std::vector<std::string> lower_for_provider_5(const std::filesystem::path& stack_dir);

/// Readies `stack_dir` for offline Terraform (stand-ins installed, 6.x settings lowered, each
/// lowering printed) and runs `terraform init` from the provider mirror; returns init's result.
ProcessResult init_offline(const TerraformTools& tools, const std::filesystem::path& stack_dir);

}  // namespace lcsynth::test
