// End-to-end tests of `diff` and `synth --check`: run the real `lcsynth` and `hello-synth`
// binaries over real output directories and check exit codes, stdout, stderr, and that
// nothing is written.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "lcsynth/cli.h"
#include "lcsynth/lcsynth.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using namespace lcsynth::test;  // the helpers of tests/support
using nlohmann::json;

namespace {

const std::string kDevConfig = shell_quote(std::string(LCSYNTH_SOURCE_DIR) + "/examples/librechat/dev.json");

std::string q(const fs::path& p) { return shell_quote(p.string()); }

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// Writes the hello stack's output into `out` and returns its files.
std::map<std::string, std::string> synth_hello(const fs::path& out, const std::string& args = "") {
  auto r = run_hello("-q synth " + args + " -o " + q(out));
  REQUIRE(r.exit_code == 0);
  return snapshot_tree(out);
}

// Terraform's own files, as `terraform init` and `apply` leave them in a stack's directory.
void add_terraform_files(const fs::path& stack_dir) {
  write_text(stack_dir / ".terraform/providers/registry.terraform.io/hashicorp/aws/provider", "binary\n");
  write_text(stack_dir / ".terraform.lock.hcl", "# lock\n");
  write_text(stack_dir / "terraform.tfstate", "{\"serial\": 3}\n");
}

const char* const kHelloEnvironmentChange =
    "~ stack hello\n"
    "  ~ stacks/hello/cdk.tf.json\n"
    "    ~ variable.environment\n"
    "      ~ default: \"dev\" → \"prod\"\n"
    "1 stack changed; 1 file changed; 1 variable changed\n";

}  // namespace

TEST_CASE("diff of an up-to-date output exits 0 and prints nothing, whatever Terraform keeps there", "[diff][cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  synth_hello(out);
  add_terraform_files(out / "stacks/hello");
  write_text(out / "terraform.hello.tfstate", "{}\n");
  auto before = snapshot_tree(out);
  auto r = run_hello("diff -o " + q(out));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  CHECK(snapshot_tree(out) == before);
}

TEST_CASE("diff shows a changed setting as the attribute path with old and new values and exits 1", "[diff][cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  auto r0 = lcsynth_cli("-q synth --config " + kDevConfig + " -o " + q(out));
  REQUIRE(r0.exit_code == 0);
  auto before = snapshot_tree(out);
  auto r = lcsynth_cli("-q diff --config " + kDevConfig + " --set lambda.memory_size=2048 -o " + q(out));
  CHECK(r.exit_code == 1);
  CHECK(r.out ==
        "~ stack librechat\n"
        "  ~ stacks/librechat/modules/backend/main.tf.json\n"
        "    ~ resource.aws_lambda_function.api\n"
        "      ~ memory_size: 1024 → 2048\n"
        "1 stack changed; 1 file changed; 1 resource changed\n");
  CHECK(r.err.empty());
  CHECK(snapshot_tree(out) == before);  // diff writes nothing
}

TEST_CASE("diff shows resources added and removed since the output was written", "[diff][cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  synth_hello(out);
  // The committed output lacks a resource the program now makes, and has one it no longer makes.
  json root = json::parse(read_text(out / "stacks/hello/cdk.tf.json"));
  root["resource"].erase("aws_sns_topic");
  root["resource"]["aws_sqs_queue"]["legacy"] = {{"name", "legacy"}};
  write_text(out / "stacks/hello/cdk.tf.json", lcsynth::serialize(root));
  auto r = run_hello("diff -o " + q(out));
  CHECK(r.exit_code == 1);
  CHECK(r.out ==
        "~ stack hello\n"
        "  ~ stacks/hello/cdk.tf.json\n"
        "    + resource.aws_sns_topic.topics\n"
        "    - resource.aws_sqs_queue.legacy\n"
        "1 stack changed; 1 file changed; 1 resource added, 1 removed\n");
}

TEST_CASE("diff shows a stack the program no longer has as removed", "[diff][cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  REQUIRE(lcsynth_cli("-q synth --config " + kDevConfig + " -o " + q(out)).exit_code == 0);
  synth_hello(dir.path() / "hello");
  fs::copy(dir.path() / "hello/stacks/hello", out / "stacks/hello", fs::copy_options::recursive);
  auto r = lcsynth_cli("-q diff --config " + kDevConfig + " -o " + q(out));
  CHECK(r.exit_code == 1);
  CHECK(r.out == "- stack hello (2 files, 21 blocks)\n1 stack removed; 2 files removed; 5 resources removed; 1 data source removed; "
                 "1 module removed; 4 outputs removed; 3 variables removed; 1 local removed; 2 providers removed; "
                 "2 terraform blocks removed; 1 moved block removed; 1 metadata block removed\n");
}

TEST_CASE("diff with stack names compares only those stacks", "[diff][cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  REQUIRE(lcsynth_cli("-q synth --config " + kDevConfig + " -o " + q(out)).exit_code == 0);
  auto r = lcsynth_cli("-q diff librechat-registry --config " + kDevConfig + " --set lambda.memory_size=2048 -o " + q(out));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  auto unknown = lcsynth_cli("-q diff librechat-registy --config " + kDevConfig + " -o " + q(out));
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Contains("unknown stack 'librechat-registy' (did you mean 'librechat-registry'?)"));
}

TEST_CASE("diff --against compares with another directory, and a missing one is a usage error naming it", "[diff][cli]") {
  ScratchDir dir;
  synth_hello(dir.path() / "dev");
  synth_hello(dir.path() / "prod", "--set environment=prod");
  ScratchDir cwd;  // no cdktf.out here: --against replaces it
  auto same = run_hello("diff --set environment=prod --against " + q(dir.path() / "prod"), cwd.path().string());
  CHECK(same.exit_code == 0);
  CHECK(same.out.empty());
  auto changed = run_hello("diff --set environment=prod --against " + q(dir.path() / "dev"), cwd.path().string());
  CHECK(changed.exit_code == 1);
  CHECK(changed.out == kHelloEnvironmentChange);
  CHECK(changed.err.empty());

  auto missing = run_hello("diff --against " + q(dir.path() / "nowhere"), cwd.path().string());
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.empty());
  CHECK_THAT(missing.err, Contains("--against: Directory does not exist: " + (dir.path() / "nowhere").string()));
  CHECK(fs::is_empty(cwd.path()));
}

TEST_CASE("diff of a missing output directory shows everything added, with a note on stderr", "[diff][cli]") {
  ScratchDir cwd;
  auto r = run_hello("diff", cwd.path().string());
  CHECK(r.exit_code == 1);
  CHECK(r.err == "info: 'cdktf.out' does not exist: everything is added\n");
  CHECK(r.out == "+ stack hello (2 files, 21 blocks)\n+ manifest.json (2 blocks)\n"
                 "1 stack added; 3 files added; 5 resources added; 1 data source added; 1 module added; 4 outputs added; "
                 "3 variables added; 1 local added; 2 providers added; 2 terraform blocks added; 2 manifest entries added; "
                 "1 moved block added; 1 metadata block added\n");
  CHECK(fs::is_empty(cwd.path()));
}

TEST_CASE("diff of an output path that is a file is a usage error", "[diff][cli]") {
  ScratchDir dir;
  write_text(dir.path() / "out", "x\n");
  auto r = run_hello("diff -o " + q(dir.path() / "out"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: output path '" + (dir.path() / "out").string() + "' exists and is not a directory\n");
}

TEST_CASE("diff --format json prints the documented report", "[diff][cli]") {
  ScratchDir dir;
  synth_hello(dir.path() / "out");
  auto r = run_hello("diff --format json --set environment=prod -o " + q(dir.path() / "out"));
  CHECK(r.exit_code == 1);
  json report = json::parse(r.out);
  CHECK(report["identical"] == false);
  CHECK(report["summary"]["blocks"] == json::parse(R"({"variable": {"added": 0, "removed": 0, "changed": 1}})"));
  CHECK(report["files"] == json::array());
  CHECK(report["stacks"] == json::parse(R"([{"name": "hello", "change": "changed", "files": [
    {"path": "stacks/hello/cdk.tf.json", "change": "changed", "blocks": [
      {"address": "variable.environment", "kind": "variable", "change": "changed", "attributes": [
        {"path": "default", "pointer": "/default", "change": "changed", "old": "dev", "new": "prod"}]}]}]}])"));

  auto same = run_hello("diff --format json -o " + q(dir.path() / "out"));
  CHECK(same.exit_code == 0);
  CHECK(json::parse(same.out)["identical"] == true);
}

TEST_CASE("diff colours its output only with --color always", "[diff][cli]") {
  ScratchDir dir;
  synth_hello(dir.path() / "out");
  std::string args = "diff --set environment=prod -o " + q(dir.path() / "out");
  auto plain = run_hello(args);  // stdout is a pipe: auto means no colour
  CHECK(plain.out == kHelloEnvironmentChange);
  CHECK(run_hello(args + " --color never").out == kHelloEnvironmentChange);
  auto coloured = run_hello(args + " --color always");
  CHECK(coloured.exit_code == 1);
  CHECK_THAT(coloured.out, Contains("\x1b[33m~ variable.environment\x1b[0m\n"));
  CHECK_THAT(coloured.out, Contains("\x1b[33m~\x1b[0m default: \x1b[31m\"dev\"\x1b[0m → \x1b[32m\"prod\"\x1b[0m\n"));
  CHECK(run_hello(args + " --color sometimes").exit_code == 2);
}

TEST_CASE("diff exits 1 with the findings on stderr and nothing on stdout when synthesis fails", "[diff][cli]") {
  ScratchDir cwd;
  lcsynth::StackCatalog catalog;
  catalog.add({"broken", "two elements, one address", [](lcsynth::App& app, const lcsynth::Config&) {
                 auto& s = app.add<lcsynth::Stack>("broken");
                 s.add<lcsynth::Resource>("a", "aws_sns_topic");
                 s.add<lcsynth::Resource>("b", "aws_sns_topic").override_logical_id("a");
               }});
  std::string out = (cwd.path() / "out").string();
  const char* argv[] = {"broken-synth", "-q", "diff", "-o", out.c_str()};
  std::ostringstream captured;
  auto* old = std::cout.rdbuf(captured.rdbuf());
  int code = lcsynth::cli::run(5, argv, catalog);
  std::cout.rdbuf(old);
  CHECK(code == lcsynth::cli::kFailed);
  CHECK(captured.str().empty());
  CHECK(fs::is_empty(cwd.path()));
}

TEST_CASE("synth --check on an up-to-date output exits 0, says so and touches nothing", "[diff][cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  synth_hello(out);
  add_terraform_files(out / "stacks/hello");
  auto before = snapshot_tree(out);
  auto r = run_hello("synth --check -o " + q(out));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err == "info: '" + out.string() + "' is up to date\n");
  CHECK(snapshot_tree(out) == before);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});  // no staging directory either
}

TEST_CASE("synth --check on a stale output exits 1 with the differences and a hint, and leaves it byte-for-byte", "[diff][cli]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  synth_hello(out);
  add_terraform_files(out / "stacks/hello");
  auto before = snapshot_tree(out);
  auto r = run_hello("synth --check --set environment=prod -o " + q(out));
  CHECK(r.exit_code == 1);
  CHECK(r.out == kHelloEnvironmentChange);
  CHECK(r.err == "error: '" + out.string() + "' is not what synthesis produces: run 'hello-synth synth' with the same options to update it\n");
  CHECK(snapshot_tree(out) == before);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});

  // After the synth the hint asks for, the check passes.
  synth_hello(out, "--set environment=prod");
  CHECK(run_hello("-q synth --check --set environment=prod -o " + q(out)).exit_code == 0);
}

TEST_CASE("synth --check on a missing output exits 1 and creates nothing", "[diff][cli]") {
  ScratchDir cwd;
  auto r = lcsynth_cli("synth --check --config " + kDevConfig, cwd.path().string());
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Contains("info: 'cdktf.out' does not exist: everything is added\n"));
  CHECK_THAT(r.err, Contains("error: 'cdktf.out' is not what synthesis produces: run 'lcsynth synth' with the same options to update it\n"));
  CHECK_THAT(r.out, Contains("\n+ stack librechat-registry (1 file, "));
  CHECK_THAT(r.out, Contains("+ manifest.json (3 blocks)\n2 stacks added; "));
  CHECK(r.out.rfind("+ stack librechat (", 0) == 0);
  CHECK(fs::is_empty(cwd.path()));
}
