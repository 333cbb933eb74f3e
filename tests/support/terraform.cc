// Locating Terraform and the provider mirror at run time (never a hard-coded path), and a
// CLI configuration that restricts provider installation to that mirror.

#include "support/terraform.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace lcsynth::test {

namespace fs = std::filesystem;

namespace {
std::optional<fs::path> on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

// A plugin dir contains registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws*.
bool has_aws_provider(const fs::path& dir) {
  std::error_code ec;
  fs::path aws = dir / "registry.terraform.io" / "hashicorp" / "aws";
  if (!fs::is_directory(aws, ec)) return false;
  for (const auto& version : fs::directory_iterator(aws, ec))
    for (const auto& platform : fs::directory_iterator(version.path(), ec))
      for (const auto& file : fs::directory_iterator(platform.path(), ec))
        if (file.path().filename().string().rfind("terraform-provider-aws", 0) == 0) return true;
  return false;
}

std::optional<fs::path> search_mirror(const fs::path& root, int depth) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return std::nullopt;
  if (has_aws_provider(root)) return root;
  if (depth == 0) return std::nullopt;
  for (const auto& entry : fs::directory_iterator(root, fs::directory_options::skip_permission_denied, ec)) {
    if (!entry.is_directory(ec) || entry.is_symlink(ec)) continue;
    if (auto found = search_mirror(entry.path(), depth - 1)) return found;
  }
  return std::nullopt;
}
}  // namespace

std::optional<TerraformTools> find_terraform_tools(std::string& why_not) {
  auto terraform = on_path("terraform");
  if (!terraform) {
    why_not = "terraform is not on PATH";
    return std::nullopt;
  }
  if (const char* env = std::getenv("LCSYNTH_TF_PLUGIN_DIR")) {
    if (has_aws_provider(env)) return TerraformTools{*terraform, env};
    why_not = std::string("LCSYNTH_TF_PLUGIN_DIR=") + env + " holds no hashicorp/aws provider";
    return std::nullopt;
  }
  std::vector<fs::path> roots;
  if (const char* home = std::getenv("HOME")) {
    roots.push_back(fs::path(home) / ".terraform.d" / "plugins");
    roots.push_back(fs::path(home) / ".local" / "share" / "terraform" / "plugins");
  }
  for (const char* r : {"/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins", "/opt"}) roots.emplace_back(r);
  for (const auto& root : roots)
    if (auto found = search_mirror(root, 2)) return TerraformTools{*terraform, *found};
  why_not = "no hashicorp/aws provider mirror found (set LCSYNTH_TF_PLUGIN_DIR)";
  return std::nullopt;
}

ProcessResult run_terraform(const TerraformTools& tools, const fs::path& dir, const std::string& args) {
  fs::path rc = dir / ".lcsynth-test.tfrc";
  std::ofstream(rc) << "provider_installation {\n  filesystem_mirror {\n    path = \"" << tools.plugin_dir.string()
                    << "\"\n  }\n}\n";
  std::string env = "TF_CLI_CONFIG_FILE=" + shell_quote(rc.string()) +
                    " TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1 TF_PLUGIN_CACHE_DIR= ";
  return run_shell(env + shell_quote(tools.terraform.string()) + " " + args + " -no-color", dir.string());
}

}  // namespace lcsynth::test
