// The terraform wrappers against the real, offline Terraform: wrapper-app's two stacks use only
// the built-in terraform_data resource, so `terraform init` needs no provider and no network.

#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using namespace lcsynth::test;  // the helpers of tests/support
using nlohmann::json;

namespace {
// Prints "SKIPPED: ..." (which CTest reports as skipped) when there is no terraform to run.
bool skip_without_terraform() {
  if (run_shell("command -v terraform").exit_code == 0) return false;
  std::cout << "SKIPPED: terraform not on PATH" << std::endl;
  WARN("SKIPPED: terraform not on PATH");
  return true;
}

// Resource addresses in a local state file (none when it does not exist).
std::vector<std::string> resources_in(const fs::path& state) {
  std::vector<std::string> out;
  if (!fs::exists(state)) return out;
  json document = json::parse(read_text(state));
  for (const auto& r : document["resources"]) out.push_back(r["type"].get<std::string>() + "." + r["name"].get<std::string>());
  return out;
}
}  // namespace

TEST_CASE("deploy, output and destroy run the real terraform in each stack", "[terraform][terraform_wrapper]") {
  if (skip_without_terraform()) return;
  ScratchDir dir;
  // An empty CLI configuration, no update checks: nothing on this machine changes the run.
  write_text(dir.path() / "empty.tfrc", "");
  write_text(dir.path() / "vars" / "greeting.tfvars.json", "{\"greeting\": \"hi\"}\n");
  std::string env = "TF_CLI_CONFIG_FILE=" + shell_quote((dir.path() / "empty.tfrc").string()) +
                    " CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_PLUGIN_CACHE_DIR= ";
  auto app = [&](const std::string& args) { return run_shell(env + shell_quote(WRAPPER_APP_BIN) + " " + args, dir.path().string()); };

  // The var file is relative to this directory; echo does not declare greeting (a warning only).
  auto deploy = app("deploy --auto-approve --no-color --var-file vars/greeting.tfvars.json");
  INFO(deploy.out << deploy.err);
  REQUIRE(deploy.exit_code == 0);
  CHECK_THAT(deploy.out, Contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed."));
  CHECK_THAT(deploy.err, Contains("==> seed: terraform apply -input=false -auto-approve -var-file="));
  CHECK_THAT(deploy.err, Contains("info: terraform apply succeeded in 2 stacks: seed, echo\n"));
  // State lives beside the output directory, one file per stack.
  CHECK(resources_in(dir.path() / "terraform.seed.tfstate") == std::vector<std::string>{"terraform_data.item"});
  CHECK(resources_in(dir.path() / "terraform.echo.tfstate") == std::vector<std::string>{"terraform_data.item"});

  auto outputs = app("-q output --json --skip-synth");
  INFO(outputs.err);
  REQUIRE(outputs.exit_code == 0);
  json values = json::parse(outputs.out);
  CHECK(values["seed"]["value"]["value"] == "hi-seed");
  CHECK(values["echo"]["value"]["value"] == "echo");
  auto text = app("-q output --no-color seed");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out == "value = \"hi-seed\"\n");

  auto destroy = app("destroy --auto-approve --no-color --var-file vars/greeting.tfvars.json");
  INFO(destroy.out << destroy.err);
  REQUIRE(destroy.exit_code == 0);
  CHECK_THAT(destroy.out, Contains("Destroy complete! Resources: 1 destroyed."));
  CHECK_THAT(destroy.err, Contains("info: terraform destroy succeeded in 2 stacks: echo, seed\n"));
  CHECK(resources_in(dir.path() / "terraform.seed.tfstate").empty());
  CHECK(resources_in(dir.path() / "terraform.echo.tfstate").empty());
}

TEST_CASE("a real terraform failure stops the wrappers with terraform's exit code", "[terraform][terraform_wrapper]") {
  if (skip_without_terraform()) return;
  ScratchDir dir;
  write_text(dir.path() / "empty.tfrc", "");
  std::string env = "TF_CLI_CONFIG_FILE=" + shell_quote((dir.path() / "empty.tfrc").string()) + " CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 ";
  // echo declares no variable 'nope': terraform refuses a -var it does not declare.
  auto r = run_shell(env + shell_quote(WRAPPER_APP_BIN) + " plan --no-color --var nope=1 echo", dir.path().string());
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("Value for undeclared variable"));
  CHECK_THAT(r.err, Contains("error: terraform plan failed in stack 'echo' with exit code 1\n"));
}
