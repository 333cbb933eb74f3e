// `deploy`: synthesize, then `terraform apply -input=false` in each stack, dependencies first.

#include "terraform_wrapper.h"

namespace lcsynth::cli {

Command add_deploy_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<TerraformArgs>();
  CLI::App* cmd = app.add_subcommand("deploy", "Synthesize, then run 'terraform apply' in each stack, dependencies first");
  add_terraform_options(*cmd, *args);
  add_variable_options(*cmd, *args);
  add_parallelism_option(*cmd, *args);
  add_auto_approve_option(*cmd, *args);
  cmd->footer(kTerraformExitCodeFooter);
  return {cmd, [cmd, args, &catalog](spdlog::logger& log) {
            std::vector<std::string> approve;
            if (args->auto_approve) approve.push_back("-auto-approve");
            TerraformStep step{.args = join_args({{"apply", "-input=false"}, approve, variable_flags(*cmd, *args), parallelism_flags(*args)})};
            return run_terraform_step(*args, step, catalog, log);
          }};
}

}  // namespace lcsynth::cli
