// Checks against the real Terraform, offline: the example stack passes `terraform validate`,
// and tricky literal strings survive escaping exactly (read back through `terraform plan`).

#include <catch2/catch.hpp>

#include <iostream>

#include "hello/hello_stack.h"
#include "lcsynth/lcsynth.h"
#include "support/golden.h"
#include "support/scratch_dir.h"
#include "support/terraform.h"

using namespace lcsynth;
using lcsynth::test::ScratchDir;

TEST_CASE("the hello example passes terraform validate", "[terraform]") {
  LCSYNTH_REQUIRE_TERRAFORM(tools);
  ScratchDir dir;
  auto synth = test::run_shell(std::string(HELLO_BIN) + " synth -q -o out", dir.path().string());
  REQUIRE(synth.exit_code == 0);
  auto stack_dir = dir.path() / "out" / "stacks" / "hello";
  auto init = test::run_terraform(tools, stack_dir, "init -backend=false -input=false");
  INFO(init.out << init.err);
  REQUIRE(init.exit_code == 0);
  auto validate = test::run_terraform(tools, stack_dir, "validate");
  INFO(validate.out << validate.err);
  CHECK(validate.exit_code == 0);
  CHECK_THAT(validate.out, Catch::Matchers::Contains("The configuration is valid."));
}

TEST_CASE("literal strings read back through terraform exactly as written", "[terraform]") {
  LCSYNTH_REQUIRE_TERRAFORM(tools);
  const std::vector<std::string> tricky = {
      "${var.x}", "%{ if true }x%{ endif }", "$${escaped}", "$$${triple}", "%%{", "a$", "%", "{}", "\"quoted\" \\ back",
      "line1\nline2\ttab", "unicode ünï ✓ 日本", "", "${", "%{", "$", "${${}}"};
  App app;
  auto& stack = app.add<Stack>("strings", StackProps{.backend = LocalBackend{.path = "terraform.tfstate"}});
  auto values = nlohmann::json::array();
  std::map<std::string, Expr> as_keys;
  for (size_t i = 0; i < tricky.size(); ++i) {
    values.push_back(tricky[i]);
    as_keys.emplace(tricky[i].empty() ? "empty" : tricky[i], Expr(static_cast<int>(i)));
    stack.add<TerraformOutput>("s" + std::to_string(i), OutputProps{.value = tricky[i], .description = tricky[i]});
  }
  stack.add<TerraformOutput>("keys", OutputProps{.value = Expr::map(as_keys)});
  stack.add<TerraformOutput>("joined", OutputProps{.value = fn::join("|", Expr::from_json(values))});
  ScratchDir dir;
  Assembly a = synthesize(app);
  for (const auto& [rel, text] : a.files()) test::write_text(dir.path() / rel, text);
  auto work = dir.path() / "stacks" / "strings";
  REQUIRE(test::run_terraform(tools, work, "init -input=false").exit_code == 0);
  auto plan = test::run_terraform(tools, work, "plan -refresh=false -input=false -out=plan.bin");
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  auto show = test::run_terraform(tools, work, "show -json plan.bin");
  REQUIRE(show.exit_code == 0);
  auto outputs = nlohmann::json::parse(show.out)["planned_values"]["outputs"];
  for (size_t i = 0; i < tricky.size(); ++i) {
    CAPTURE(tricky[i]);
    CHECK(outputs["s" + std::to_string(i)]["value"] == tricky[i]);
  }
  for (const auto& [key, value] : as_keys) {
    CAPTURE(key);
    CHECK(outputs["keys"]["value"].contains(key));
  }
  std::string joined;
  for (size_t i = 0; i < tricky.size(); ++i) joined += (i ? "|" : "") + tricky[i];
  CHECK(outputs["joined"]["value"] == joined);
}

TEST_CASE("the hello example matches its golden files", "[golden]") {
  App app;
  hello::build_hello_stack(app, Config{});
  test::check_golden("hello", synthesize(app).files());
}
