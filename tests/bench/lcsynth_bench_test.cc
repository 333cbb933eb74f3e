// The benchmark program end to end: what it writes for N copies, its summary line, and that
// the N-copies stack is valid Terraform (offline, with registry stand-ins, like
// tests/terraform/librechat_terraform_test.cc). No timings: run.sh measures.

#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <set>

#include <nlohmann/json.hpp>

#include "support/module_stand_ins.h"
#include "support/process.h"
#include "support/scratch_dir.h"
#include "support/terraform.h"

using lcsynth::test::ScratchDir;

namespace {
lcsynth::test::ProcessResult run_bench(const std::filesystem::path& dir, const std::string& args) {
  return lcsynth::test::run_shell(std::string(LCSYNTH_BENCH_BIN) + " " + args, dir.string());
}

// The total size of the regular files under `dir`.
std::uintmax_t tree_bytes(const std::filesystem::path& dir) {
  std::uintmax_t bytes = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) bytes += e.file_size();
  return bytes;
}
}  // namespace

TEST_CASE("lcsynth-bench writes one stack holding N copies and summarizes it on stderr", "[bench]") {
  ScratchDir dir;
  auto r = run_bench(dir.path(), "--copies 2 --output out");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  // The blocks of every copy, counted through the module calls; the copies' modules are built
  // alike, so the four of the first copy are the only ones written.
  CHECK(r.err == "lcsynth-bench: N=2: 52 resources, 2 data sources, 16 module calls, 6 files, " +
                     std::to_string(tree_bytes(dir.path() / "out")) + " bytes in 'out'\n");
  const auto modules = dir.path() / "out/stacks/librechat-bench/modules";
  std::set<std::string> written;
  for (const auto& e : std::filesystem::directory_iterator(modules)) written.insert(e.path().filename().string());
  CHECK(written == std::set<std::string>{"c0000_api_gateway", "c0000_backend", "c0000_frontend", "c0000_redis"});
  for (const auto& module : written) CHECK(std::filesystem::is_regular_file(modules / module / "main.tf.json"));
  const auto root = nlohmann::json::parse(std::ifstream(dir.path() / "out/stacks/librechat-bench/cdk.tf.json"));
  CHECK(root["module"]["c0001_backend"]["source"] == "./modules/c0000_backend");
  CHECK(root["module"]["c0001_backend"]["function_name"] == "librechat-api-c0001");
}

TEST_CASE("lcsynth-bench refuses a copy count below one", "[bench]") {
  ScratchDir dir;
  auto r = run_bench(dir.path(), "--copies 0");
  CHECK(r.exit_code != 0);
  CHECK(r.err == "--copies: Value 0 not in range 1 to 100000\nRun with --help for more information.\n");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "cdktf.out"));
}

TEST_CASE("the benchmark stack with two copies passes terraform validate", "[bench][terraform]") {
  LCSYNTH_REQUIRE_TERRAFORM(tools);
  ScratchDir dir;
  auto r = run_bench(dir.path(), "--copies 2 --output out");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto stack = dir.path() / "out/stacks/librechat-bench";
  auto init = lcsynth::test::init_offline(tools, stack);
  INFO(init.out << init.err);
  REQUIRE(init.exit_code == 0);
  auto validate = lcsynth::test::run_terraform(tools, stack, "validate");
  INFO(validate.out << validate.err);
  CHECK(validate.exit_code == 0);
}
