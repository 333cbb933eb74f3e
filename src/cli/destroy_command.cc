// `destroy`: synthesize, then `terraform destroy -input=false` in each stack, dependents first
// (the reverse of the deployment order), so no stack loses what it depends on while it exists.

#include "terraform_wrapper.h"

namespace lcsynth::cli {

Command add_destroy_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<TerraformArgs>();
  CLI::App* cmd = app.add_subcommand("destroy", "Synthesize, then run 'terraform destroy' in each stack, dependents first");
  add_terraform_options(*cmd, *args);
  add_variable_options(*cmd, *args);
  add_parallelism_option(*cmd, *args);
  add_auto_approve_option(*cmd, *args);
  cmd->footer(kTerraformExitCodeFooter);
  return {cmd, [cmd, args, &catalog](spdlog::logger& log) {
            std::vector<std::string> approve;
            if (args->auto_approve) approve.push_back("-auto-approve");
            TerraformStep step{.args = join_args({{"destroy", "-input=false"}, approve, variable_flags(*cmd, *args), parallelism_flags(*args)}),
                               .dependents_first = true};
            return run_terraform_step(*args, step, catalog, log);
          }};
}

}  // namespace lcsynth::cli
