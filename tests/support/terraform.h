#pragma once
// Finds the machine's Terraform and its hashicorp/aws provider mirror for the tests that run
// the real `terraform`, and runs it offline. Nothing is downloaded.

#include <filesystem>
#include <optional>
#include <string>

#include "support/process.h"

namespace lcsynth::test {

struct TerraformTools {
  std::filesystem::path terraform;   ///< the terraform binary
  std::filesystem::path plugin_dir;  ///< directory holding registry.terraform.io/hashicorp/aws/...
};

/// Terraform from PATH and the provider mirror from $LCSYNTH_TF_PLUGIN_DIR, else a search of
/// the usual plugin locations and /opt for registry.terraform.io/hashicorp/aws/*/*/terraform-provider-aws*.
/// On failure, `why_not` says what is missing.
std::optional<TerraformTools> find_terraform_tools(std::string& why_not);

/// Runs `terraform <args>` in `dir` with a CLI configuration that installs providers only from
/// the mirror, no input, no update checks.
ProcessResult run_terraform(const TerraformTools& tools, const std::filesystem::path& dir, const std::string& args);

}  // namespace lcsynth::test

/// Declares `tools`, or prints "SKIPPED: <reason>" (which CTest reports as skipped) and returns.
#define LCSYNTH_REQUIRE_TERRAFORM(tools)                                     \
  std::string tools##_why_not;                                              \
  auto tools##_found = ::lcsynth::test::find_terraform_tools(tools##_why_not); \
  if (!tools##_found) {                                                     \
    std::cout << "SKIPPED: " << tools##_why_not << std::endl;               \
    WARN("SKIPPED: " << tools##_why_not);                                   \
    return;                                                                 \
  }                                                                         \
  const ::lcsynth::test::TerraformTools& tools = *tools##_found
