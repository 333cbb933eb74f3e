// `deploy` and `destroy`, the commands that change infrastructure: synthesize, then
// `terraform apply|destroy -input=false` in each stack. deploy goes dependencies first;
// destroy goes dependents first (the reverse of the deployment order), so no stack loses what
// it depends on while it exists. They differ only in the data below.

#include "terraform_wrapper.h"

namespace lcsynth::cli {

namespace {
struct ChangeCommand {
  const char* name;
  const char* terraform_verb;
  const char* description;
  bool dependents_first;
};

Command add_change_command(CLI::App& app, const StackCatalog& catalog, const ChangeCommand& c) {
  auto args = std::make_shared<TerraformArgs>();
  CLI::App* cmd = app.add_subcommand(c.name, c.description);
  add_terraform_options(*cmd, *args);
  add_variable_options(*cmd, *args);
  add_parallelism_option(*cmd, *args);
  add_auto_approve_option(*cmd, *args);
  cmd->footer(kTerraformExitCodeFooter);
  return {cmd, [cmd, args, &catalog, c](spdlog::logger& log) {
            std::vector<std::string> approve;
            if (args->auto_approve) approve.push_back("-auto-approve");
            TerraformStep step{.args = join_args({{c.terraform_verb, "-input=false"}, approve, variable_flags(*cmd, *args), parallelism_flags(*args)}),
                               .dependents_first = c.dependents_first};
            return run_terraform_step(*args, step, catalog, log);
          }};
}
}  // namespace

Command add_deploy_command(CLI::App& app, const StackCatalog& catalog) {
  return add_change_command(app, catalog,
                            {"deploy", "apply", "Synthesize, then run 'terraform apply' in each stack, dependencies first", false});
}

Command add_destroy_command(CLI::App& app, const StackCatalog& catalog) {
  return add_change_command(app, catalog,
                            {"destroy", "destroy", "Synthesize, then run 'terraform destroy' in each stack, dependents first", true});
}

}  // namespace lcsynth::cli
