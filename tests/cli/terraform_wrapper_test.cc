// End-to-end tests of the terraform wrappers (plan, deploy, destroy, output) with a fake
// `terraform` on PATH that logs its directory and arguments: translation of the flags, order,
// --skip-synth, named stacks, failures and their exit codes, a missing terraform.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using namespace lcsynth::test;  // the helpers of tests/support

namespace {

const std::string kDevConfig = shell_quote(std::string(LCSYNTH_SOURCE_DIR) + "/examples/librechat/dev.json");

// Logs "<directory relative to $FAKE_TF_ROOT>: <arguments>", prints a line on stdout (for
// `output -json`, $FAKE_TF_JSON or a JSON object naming the stack) and one on stderr, and
// fails with $FAKE_TF_EXIT when "<stack directory> <subcommand>" is $FAKE_TF_FAIL.
const char* const kFakeTerraform = R"(#!/bin/sh
here=$(pwd -P)
echo "${here#"$FAKE_TF_ROOT"/}: $*" >> "$FAKE_TF_LOG"
stack=${here##*/}
if [ "$1" = output ] && [ "$2" = -json ] && [ -n "$FAKE_TF_JSON" ]; then
  printf '%s\n' "$FAKE_TF_JSON"
elif [ "$1" = output ] && [ "$2" = -json ]; then
  printf '{"where": {"value": "%s"}}\n' "$stack"
else
  echo "stdout of $1 in $stack"
fi
echo "stderr of $1 in $stack" >&2
if [ "$stack $1" = "$FAKE_TF_FAIL" ]; then exit "${FAKE_TF_EXIT:-1}"; fi
exit 0
)";

// A scratch directory with the fake terraform in bin/, and work/ as the current directory.
class FakeTerraform {
 public:
  FakeTerraform() {
    fs::create_directories(work());
    write_text(bin() / "terraform", kFakeTerraform);
    fs::permissions(bin() / "terraform", fs::perms::owner_all);
  }
  fs::path bin() const { return dir_.path() / "bin"; }
  fs::path work() const { return dir_.path() / "work"; }
  fs::path real_work() const { return fs::canonical(work()); }
  // Runs `program args` in work/ with the fake first on PATH; `env` adds assignments.
  ProcessResult run(const std::string& program, const std::string& args, const std::string& env = "") const {
    std::string vars = "PATH=" + shell_quote(bin().string()) + ":\"$PATH\" FAKE_TF_ROOT=" + shell_quote(real_work().string()) +
                       " FAKE_TF_LOG=" + shell_quote(log().string()) + " " + env + " ";
    return run_shell(vars + program + " " + args, work().string());
  }
  ProcessResult lcsynth(const std::string& args, const std::string& env = "") const { return run(shell_quote(LCSYNTH_BIN), args, env); }
  // Every terraform call so far, one line each.
  std::string calls() const { return read_text(log()); }

 private:
  fs::path log() const { return dir_.path() / "calls.log"; }
  ScratchDir dir_;
};

// The "==> stack: terraform ..." headers on stderr, in order.
std::string headers(const std::string& err) {
  std::istringstream in(err);
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind("==> ", 0) == 0) out += line + "\n";
  return out;
}

// A hand-made output: a depends on c; b and c depend on nothing (manifest order: a, b, c).
void write_abc_output(const fs::path& out) {
  write_text(out / "manifest.json", R"({
  "stacks": {
    "a": {"name": "a", "workingDirectory": "stacks/a", "dependencies": ["c"]},
    "b": {"name": "b", "workingDirectory": "stacks/b", "dependencies": []},
    "c": {"name": "c", "workingDirectory": "stacks/c", "dependencies": []}
  },
  "version": "0.1.0"
}
)");
  for (const char* s : {"a", "b", "c"}) write_text(out / "stacks" / s / "cdk.tf.json", "{}\n");
}

}  // namespace

TEST_CASE("plan synthesizes, then runs terraform init and plan in each stack in deployment order", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  auto r = tf.lcsynth("plan -c " + kDevConfig);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(tf.calls() ==
        "cdktf.out/stacks/librechat-registry: init -input=false\n"
        "cdktf.out/stacks/librechat-registry: plan -input=false\n"
        "cdktf.out/stacks/librechat: init -input=false\n"
        "cdktf.out/stacks/librechat: plan -input=false\n");
  // terraform's stdout streams to ours, except init's, which goes to stderr with the progress.
  CHECK(r.out == "stdout of plan in librechat-registry\nstdout of plan in librechat\n");
  CHECK(headers(r.err) ==
        "==> librechat-registry: terraform init -input=false\n"
        "==> librechat-registry: terraform plan -input=false\n"
        "==> librechat: terraform init -input=false\n"
        "==> librechat: terraform plan -input=false\n");
  CHECK_THAT(r.err, Contains("info: synthesized 2 stacks into 'cdktf.out'\n"));
  CHECK_THAT(r.err, Contains("stdout of init in librechat\nstderr of init in librechat\n"));
  CHECK_THAT(r.err, Contains("stderr of plan in librechat\n"));
  CHECK_THAT(r.err, Contains("info: terraform plan succeeded in 2 stacks: librechat-registry, librechat\n"));
  CHECK(fs::is_regular_file(tf.work() / "cdktf.out/manifest.json"));
  CHECK(fs::is_regular_file(tf.work() / "cdktf.out/stacks/librechat/cdk.tf.json"));
}

TEST_CASE("deploy passes --auto-approve, --var, --var-file and --parallelism to terraform apply", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  write_text(tf.work() / "vars" / "one.tfvars", "a = 1\n");
  write_text(tf.work() / "two.tfvars.json", "{}\n");
  auto r = tf.lcsynth("deploy -c " + kDevConfig +
                      " --auto-approve --var-file vars/one.tfvars --var image_tag=v2 --var-file ./two.tfvars.json"
                      " --var 'note=a b=c' --parallelism 3");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // --var-file is made absolute (terraform runs in the stack's directory); the order of --var
  // and --var-file is kept, because terraform lets the last assignment win.
  std::string files = "-var-file=" + (tf.real_work() / "vars/one.tfvars").string() + " -var=image_tag=v2 -var-file=" +
                      (tf.real_work() / "two.tfvars.json").string() + " -var=note=a b=c";
  CHECK(tf.calls() ==
        "cdktf.out/stacks/librechat-registry: init -input=false\n"
        "cdktf.out/stacks/librechat-registry: apply -input=false -auto-approve " + files + " -parallelism=3\n"
        "cdktf.out/stacks/librechat: init -input=false\n"
        "cdktf.out/stacks/librechat: apply -input=false -auto-approve " + files + " -parallelism=3\n");
  CHECK_THAT(r.err, Contains("info: terraform apply succeeded in 2 stacks: librechat-registry, librechat\n"));
}

TEST_CASE("deploy without --auto-approve leaves the approval to terraform", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  auto r = tf.lcsynth("deploy --skip-init -c " + kDevConfig);
  REQUIRE(r.exit_code == 0);
  CHECK(tf.calls() ==
        "cdktf.out/stacks/librechat-registry: apply -input=false\n"
        "cdktf.out/stacks/librechat: apply -input=false\n");
}

TEST_CASE("destroy runs terraform destroy in the reverse of the deployment order", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  auto r = tf.lcsynth("destroy -c " + kDevConfig + " --auto-approve --var x=1 --parallelism 2");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(tf.calls() ==
        "cdktf.out/stacks/librechat: init -input=false\n"
        "cdktf.out/stacks/librechat: destroy -input=false -auto-approve -var=x=1 -parallelism=2\n"
        "cdktf.out/stacks/librechat-registry: init -input=false\n"
        "cdktf.out/stacks/librechat-registry: destroy -input=false -auto-approve -var=x=1 -parallelism=2\n");
  CHECK_THAT(r.err, Contains("info: terraform destroy succeeded in 2 stacks: librechat, librechat-registry\n"));
}

TEST_CASE("output streams terraform output for each stack and keeps stdout for the outputs", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  auto r = tf.lcsynth("output -c " + kDevConfig);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(tf.calls() ==
        "cdktf.out/stacks/librechat-registry: init -input=false\n"
        "cdktf.out/stacks/librechat-registry: output\n"
        "cdktf.out/stacks/librechat: init -input=false\n"
        "cdktf.out/stacks/librechat: output\n");
  CHECK(r.out == "stdout of output in librechat-registry\nstdout of output in librechat\n");
}

TEST_CASE("output --json prints one JSON object keyed by stack name", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  auto r = tf.lcsynth("output --json --skip-init -c " + kDevConfig);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(tf.calls() ==
        "cdktf.out/stacks/librechat-registry: output -json\n"
        "cdktf.out/stacks/librechat: output -json\n");
  CHECK(r.out ==
        "{\n"
        "  \"librechat\": {\n    \"where\": {\n      \"value\": \"librechat\"\n    }\n  },\n"
        "  \"librechat-registry\": {\n    \"where\": {\n      \"value\": \"librechat-registry\"\n    }\n  }\n"
        "}\n");
}

TEST_CASE("output --json fails when terraform prints something that is not JSON", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  auto r = tf.lcsynth("output --json --skip-init -c " + kDevConfig, "FAKE_TF_JSON='Warning: not json'");
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Contains("error: terraform output -json in stack 'librechat-registry' printed 'Warning: not json', not JSON\n"));
}

TEST_CASE("plan and destroy with --skip-synth follow the manifest's dependencies and leave the output as it was", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  write_abc_output(tf.work() / "out");
  auto before = snapshot_tree(tf.work() / "out");
  // Dependencies first, ties in manifest order: b and c are ready at once, a waits for c.
  auto plan = tf.lcsynth("plan --skip-synth -o out");
  INFO(plan.err);
  REQUIRE(plan.exit_code == 0);
  CHECK(tf.calls() ==
        "out/stacks/b: init -input=false\nout/stacks/b: plan -input=false\n"
        "out/stacks/c: init -input=false\nout/stacks/c: plan -input=false\n"
        "out/stacks/a: init -input=false\nout/stacks/a: plan -input=false\n");
  CHECK_FALSE(plan.err.find("synthesized") != std::string::npos);
  CHECK(snapshot_tree(tf.work() / "out") == before);
  CHECK_FALSE(fs::exists(tf.work() / "cdktf.out"));

  auto destroy = tf.lcsynth("destroy --skip-synth --skip-init -o out --auto-approve");
  REQUIRE(destroy.exit_code == 0);
  CHECK(headers(destroy.err) ==
        "==> a: terraform destroy -input=false -auto-approve\n"
        "==> c: terraform destroy -input=false -auto-approve\n"
        "==> b: terraform destroy -input=false -auto-approve\n");
  CHECK(snapshot_tree(tf.work() / "out") == before);
}

TEST_CASE("named stacks run alone, in dependency order, with a warning for what they depend on", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  write_abc_output(tf.work() / "out");
  auto plan = tf.lcsynth("plan --skip-synth --skip-init -o out a b");
  REQUIRE(plan.exit_code == 0);
  CHECK(tf.calls() == "out/stacks/b: plan -input=false\nout/stacks/a: plan -input=false\n");
  CHECK_THAT(plan.err, Contains("warning: 'a' depends on 'c', which this run leaves out: it must be deployed already\n"));

  auto destroy = tf.lcsynth("destroy --skip-synth --skip-init -o out c");
  REQUIRE(destroy.exit_code == 0);
  CHECK(headers(destroy.err) == "==> c: terraform destroy -input=false\n");
  CHECK_THAT(destroy.err, Contains("warning: 'a' depends on 'c', but this run destroys 'c' and leaves 'a': destroy 'a' first\n"));

  auto output = tf.lcsynth("output --skip-synth --skip-init -o out a");  // reading outputs needs nothing else
  REQUIRE(output.exit_code == 0);
  CHECK(output.out == "stdout of output in a\n");
  CHECK(output.err.find("warning") == std::string::npos);

  auto unknown = tf.lcsynth("plan --skip-synth -o out d");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err == "error: unknown stack 'd'; known stacks: a, b, c\n");
}

TEST_CASE("a stack name after --var or --var-file is a stack name, not another value", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  write_abc_output(tf.work() / "out");
  write_text(tf.work() / "v.tfvars", "");
  auto r = tf.lcsynth("plan --skip-synth --skip-init -o out --var x=1 b --var-file v.tfvars c");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::string flags = " -var=x=1 -var-file=" + (tf.real_work() / "v.tfvars").string() + "\n";
  CHECK(tf.calls() == "out/stacks/b: plan -input=false" + flags + "out/stacks/c: plan -input=false" + flags);
}

TEST_CASE("an unknown stack name is a usage error with a suggestion, before anything runs", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  auto r = tf.lcsynth("deploy -c " + kDevConfig + " librechat-registy");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("error: unknown stack 'librechat-registy' (did you mean 'librechat-registry'?)"));
  CHECK(tf.calls().empty());
  CHECK_FALSE(fs::exists(tf.work() / "cdktf.out"));
}

TEST_CASE("the first terraform failure stops the run and its exit code becomes lcsynth's", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  SECTION("in the command") {
    auto r = tf.lcsynth("deploy -c " + kDevConfig, "FAKE_TF_FAIL='librechat-registry apply' FAKE_TF_EXIT=7");
    CHECK(r.exit_code == 7);
    CHECK(tf.calls() ==
          "cdktf.out/stacks/librechat-registry: init -input=false\n"
          "cdktf.out/stacks/librechat-registry: apply -input=false\n");
    CHECK_THAT(r.err, Contains("error: terraform apply failed in stack 'librechat-registry' with exit code 7; not run: librechat\n"));
    CHECK(r.err.find("succeeded") == std::string::npos);
  }
  SECTION("in init") {
    auto r = tf.lcsynth("plan -c " + kDevConfig, "FAKE_TF_FAIL='librechat init' FAKE_TF_EXIT=3");
    CHECK(r.exit_code == 3);
    CHECK(tf.calls() ==
          "cdktf.out/stacks/librechat-registry: init -input=false\n"
          "cdktf.out/stacks/librechat-registry: plan -input=false\n"
          "cdktf.out/stacks/librechat: init -input=false\n");
    CHECK_THAT(r.err, Contains("error: terraform init failed in stack 'librechat' with exit code 3\n"));
  }
  SECTION("in output --json, which then prints nothing") {
    auto r = tf.lcsynth("output --json --skip-init -c " + kDevConfig, "FAKE_TF_FAIL='librechat output'");
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains("error: terraform output failed in stack 'librechat' with exit code 1\n"));
  }
}

TEST_CASE("without terraform the wrappers exit 2 with an install hint and write nothing", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  ScratchDir empty;
  SECTION("not on PATH") {
    auto r = run_shell("PATH=" + shell_quote(empty.path().string()) + " " + shell_quote(LCSYNTH_BIN) + " plan -c " + kDevConfig,
                       tf.work().string());
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "error: terraform was not found on PATH; install Terraform >= 1.10 or pass --terraform PATH\n");
  }
  SECTION("not at the --terraform path") {
    auto r = tf.lcsynth("deploy --terraform ./bin/terraform -c " + kDevConfig);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "error: --terraform './bin/terraform': no executable file there; install Terraform >= 1.10 or pass --terraform PATH\n");
  }
  CHECK(tf.calls().empty());
  CHECK(fs::is_empty(tf.work()));
}

TEST_CASE("the --terraform option takes a path relative to the current directory", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  fs::create_directories(tf.work() / "tools");
  fs::copy_file(tf.bin() / "terraform", tf.work() / "tools" / "tf");
  ScratchDir empty;
  auto r = tf.run("PATH=" + shell_quote(empty.path().string()) + " " + shell_quote(LCSYNTH_BIN),
                  "plan --skip-init --terraform tools/tf -c " + kDevConfig);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(tf.calls() == "cdktf.out/stacks/librechat-registry: plan -input=false\ncdktf.out/stacks/librechat: plan -input=false\n");
  CHECK(headers(r.err) == "==> librechat-registry: tf plan -input=false\n==> librechat: tf plan -input=false\n");
}

TEST_CASE("the --no-color option reaches every terraform command and -q hides the progress", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  auto r = tf.lcsynth("-q plan --no-color librechat -c " + kDevConfig);
  REQUIRE(r.exit_code == 0);
  CHECK(tf.calls() == "cdktf.out/stacks/librechat: init -input=false -no-color\ncdktf.out/stacks/librechat: plan -input=false -no-color\n");
  CHECK(headers(r.err).empty());
  CHECK(r.err.find("info:") == std::string::npos);
  CHECK(r.out == "stdout of plan in librechat\n");
}

TEST_CASE("bad wrapper flags are usage errors, before terraform runs or anything is written", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  SECTION("--var without NAME=VALUE") {
    auto r = tf.lcsynth("plan -c " + kDevConfig + " --var image_tag");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "error: --var 'image_tag': expected NAME=VALUE, such as --var environment=dev\n");
  }
  SECTION("a --var-file that does not exist") {
    auto r = tf.lcsynth("deploy -c " + kDevConfig + " --var-file missing.tfvars");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "error: --var-file 'missing.tfvars': no such file\n");
  }
  SECTION("--skip-synth without a manifest") {
    auto r = tf.lcsynth("plan --skip-synth");
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          "error: --skip-synth: 'cdktf.out/manifest.json' does not exist: synthesize first ('synth -o cdktf.out') "
          "or drop --skip-synth\n");
  }
  SECTION("--skip-synth with --config") {
    auto r = tf.lcsynth("plan --skip-synth -c " + kDevConfig);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("error: --config excludes --skip-synth\n"));
  }
  SECTION("--parallelism that is not positive") {
    auto r = tf.lcsynth("plan --parallelism 0 -c " + kDevConfig);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--parallelism"));
  }
  SECTION("--auto-approve on plan") {
    auto r = tf.lcsynth("plan --auto-approve -c " + kDevConfig);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--auto-approve"));
  }
  CHECK(tf.calls().empty());
  CHECK(fs::is_empty(tf.work()));
}

TEST_CASE("a dependency cycle in the manifest fails with the chain and runs nothing", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  write_text(tf.work() / "out/manifest.json", R"({"stacks": {
    "a": {"workingDirectory": "stacks/a", "dependencies": ["b"]},
    "b": {"workingDirectory": "stacks/b", "dependencies": ["a"]}}})");
  auto r = tf.lcsynth("deploy --skip-synth -o out");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "error: stack dependency cycle: a -> b -> a\n");
  CHECK(tf.calls().empty());
}

TEST_CASE("a stack whose working directory is missing is a usage error naming it", "[cli][terraform_wrapper]") {
  FakeTerraform tf;
  write_abc_output(tf.work() / "out");
  fs::remove_all(tf.work() / "out/stacks/c");
  auto r = tf.lcsynth("plan --skip-synth --skip-init -o out");
  CHECK(r.exit_code == 2);
  CHECK(tf.calls() == "out/stacks/b: plan -input=false\n");
  CHECK_THAT(r.err, Contains("error: stack 'c': working directory 'out/stacks/c' does not exist; not run: a\n"));
}

TEST_CASE("lcsynth --help lists the terraform wrappers", "[cli][terraform_wrapper]") {
  auto r = run_shell(shell_quote(LCSYNTH_BIN) + " --help");
  REQUIRE(r.exit_code == 0);
  for (const char* c : {"plan", "deploy", "destroy", "output"}) CHECK_THAT(r.out, Contains(c));
  auto plan = run_shell(shell_quote(LCSYNTH_BIN) + " plan --help");
  REQUIRE(plan.exit_code == 0);
  CHECK_THAT(plan.out, Contains("--skip-synth"));
  CHECK_THAT(plan.out, Contains("otherwise the exit code of the terraform command that"));
}
