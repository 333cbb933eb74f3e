// `plan`: synthesize, then `terraform plan -input=false` in each stack, dependencies first.

#include "terraform_wrapper.h"

namespace lcsynth::cli {

Command add_plan_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<TerraformArgs>();
  CLI::App* cmd = app.add_subcommand("plan", "Synthesize, then run 'terraform plan' in each stack, dependencies first");
  add_terraform_options(*cmd, *args);
  add_variable_options(*cmd, *args);
  add_parallelism_option(*cmd, *args);
  cmd->footer(kTerraformExitCodeFooter);
  return {cmd, [cmd, args, &catalog](spdlog::logger& log) {
            TerraformStep step{.args = join_args({{"plan", "-input=false"}, variable_flags(*cmd, *args), parallelism_flags(*args)})};
            return run_terraform_step(*args, step, catalog, log);
          }};
}

}  // namespace lcsynth::cli
