// wrapper-app: the lcsynth command line over two tiny stacks that need no provider download
// (only Terraform's built-in terraform_data resource), so the terraform wrappers can be tested
// end to end with the real, offline terraform.

#include "lcsynth/cli.h"
#include "lcsynth/lcsynth.h"

namespace {

using lcsynth::Expr;

// seed: a variable (to test --var-file), one terraform_data and its output.
void build_seed(lcsynth::App& app, const lcsynth::Config&) {
  auto& stack = app.add<lcsynth::Stack>("seed", lcsynth::StackProps{.required_version = ">= 1.10", .description = "A seed value"});
  auto& greeting = stack.add<lcsynth::TerraformVariable>(
      "greeting", lcsynth::VariableProps{.type = "string", .default_value = "hello", .description = "First word of the seed"});
  auto& value = stack.add<lcsynth::Resource>("item", "terraform_data",
                                             lcsynth::Arguments{{"input", Expr::format("{}-seed", {greeting.value()})}});
  stack.add<lcsynth::TerraformOutput>("value", lcsynth::OutputProps{.value = value.attr("output"), .description = "The seed"});
}

// echo: a second stack, so order and per-stack state can be seen.
void build_echo(lcsynth::App& app, const lcsynth::Config&) {
  auto& stack = app.add<lcsynth::Stack>("echo", lcsynth::StackProps{.required_version = ">= 1.10", .description = "An echo value"});
  auto& value = stack.add<lcsynth::Resource>("item", "terraform_data", lcsynth::Arguments{{"input", "echo"}});
  stack.add<lcsynth::TerraformOutput>("value", lcsynth::OutputProps{.value = value.attr("output"), .description = "The echo"});
}

}  // namespace

int main(int argc, char** argv) {
  lcsynth::StackCatalog catalog;
  catalog.add({"seed", "A seed value (terraform_data only)", build_seed});
  catalog.add({"echo", "An echo value (terraform_data only)", build_echo});
  return lcsynth::cli::run(argc, argv, catalog);
}
