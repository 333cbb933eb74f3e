// The LibreChat stacks against the machine's Terraform, fully offline: registry modules are
// replaced by interface-only stand-ins, the 6.x-only settings are lowered for the 5.100.0
// provider of the local mirror (and printed), then `terraform validate` and a mocked
// `terraform test` plan must pass.

#include <catch2/catch.hpp>

#include <iostream>

#include "support/module_stand_ins.h"
#include "support/scratch_dir.h"
#include "support/terraform.h"

using lcsynth::test::ScratchDir;

namespace {
std::filesystem::path synth_example(const std::filesystem::path& dir, const std::string& config) {
  auto r = lcsynth::test::run_shell(std::string(LCSYNTH_BIN) + " synth -q --config " + lcsynth::test::shell_quote(config) + " -o out",
                                    dir.string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return dir / "out" / "stacks";
}

void require_init(const lcsynth::test::TerraformTools& tools, const std::filesystem::path& stack) {
  auto init = lcsynth::test::init_offline(tools, stack);
  INFO(init.out << init.err);
  REQUIRE(init.exit_code == 0);
}
}  // namespace

TEST_CASE("the librechat stacks pass terraform validate for both example configurations", "[terraform][librechat]") {
  LCSYNTH_REQUIRE_TERRAFORM(tools);
  auto config = GENERATE(as<std::string>{}, "dev.json", "prod.json");
  CAPTURE(config);
  ScratchDir dir;
  auto stacks = synth_example(dir.path(), std::string(LCSYNTH_SOURCE_DIR) + "/examples/librechat/" + config);
  for (const char* stack : {"librechat", "librechat-registry"}) {
    CAPTURE(stack);
    require_init(tools, stacks / stack);
    auto validate = lcsynth::test::run_terraform(tools, stacks / stack, "validate");
    INFO(validate.out << validate.err);
    CHECK(validate.exit_code == 0);
  }
}

TEST_CASE("a mocked terraform test plan of the librechat stack passes its assertions", "[terraform][librechat]") {
  LCSYNTH_REQUIRE_TERRAFORM(tools);
  ScratchDir dir;
  auto stack = synth_example(dir.path(), std::string(LCSYNTH_SOURCE_DIR) + "/examples/librechat/dev.json") / "librechat";
  require_init(tools, stack);
  std::filesystem::create_directories(stack / "tests");
  std::filesystem::copy_file(std::filesystem::path(LCSYNTH_SOURCE_DIR) / "tests" / "terraform" / "librechat.tftest.hcl",
                             stack / "tests" / "librechat.tftest.hcl");
  auto test = lcsynth::test::run_terraform(tools, stack, "test");
  INFO(test.out << test.err);
  CHECK(test.exit_code == 0);
  CHECK_THAT(test.out, Catch::Matchers::Contains("1 passed, 0 failed"));
}
