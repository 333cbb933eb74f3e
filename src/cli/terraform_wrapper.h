#pragma once
// Internal to the CLI: what plan, deploy, destroy and output share. Each of those files says
// which terraform command it runs; this runs it in every selected stack, dependencies first.

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"

namespace lcsynth::cli {

/// The exit-code footer of the terraform wrappers' --help.
extern const char* const kTerraformExitCodeFooter;

/// The options of a terraform wrapper; which of them a command offers is up to the command.
struct TerraformArgs {
  SynthArgs synth;                       ///< stacks to run (default: all), and how to synthesize
  bool skip_synth = false;               ///< use the manifest already in synth.output
  bool skip_init = false;                ///< no `terraform init` before the command
  std::string terraform = "terraform";   ///< a path, or a name searched on PATH
  bool no_color = false;                 ///< -no-color to every terraform command
  std::vector<std::string> vars;         ///< --var NAME=VALUE, as given
  std::vector<std::string> var_files;    ///< --var-file FILE, as given
  std::optional<int> parallelism;        ///< --parallelism N
  bool auto_approve = false;             ///< --auto-approve
  bool json = false;                     ///< output --json
};

/// Stack names, -c/--config, --set, -o/--output, --skip-synth, --skip-init, --terraform and
/// --no-color: what every wrapper has.
void add_terraform_options(CLI::App& cmd, TerraformArgs& args);
/// --var and --var-file (plan, deploy, destroy).
void add_variable_options(CLI::App& cmd, TerraformArgs& args);
/// --parallelism (plan, deploy, destroy).
void add_parallelism_option(CLI::App& cmd, TerraformArgs& args);
/// --auto-approve (deploy, destroy).
void add_auto_approve_option(CLI::App& cmd, TerraformArgs& args);

/// "-var=NAME=VALUE" and "-var-file=FILE" in the order they were given on `cmd`'s command
/// line (Terraform lets the last assignment of a variable win), FILE made absolute because
/// terraform runs in each stack's directory. Throws ConfigError for a --var without
/// NAME=VALUE or a --var-file that does not exist.
std::vector<std::string> variable_flags(const CLI::App& cmd, const TerraformArgs& args);
/// "-parallelism=N" when --parallelism was given.
std::vector<std::string> parallelism_flags(const TerraformArgs& args);
/// The parts one after the other: join_args({{"plan", "-input=false"}, variable_flags(...)}).
std::vector<std::string> join_args(std::initializer_list<std::vector<std::string>> parts);

/// The terraform command a wrapper runs in each stack.
struct TerraformStep {
  std::vector<std::string> args;  ///< after "terraform", e.g. {"plan", "-input=false"}
  bool dependents_first = false;  ///< destroy: the reverse of the deployment order
  bool capture_stdout = false;    ///< collect each stack's stdout instead of streaming it
  bool warn_unselected = true;    ///< warn about dependencies the selection leaves out
};

/// A stack's standard output, collected with TerraformStep::capture_stdout.
struct CapturedOutput {
  std::string stack;
  std::string text;
};

/// Finds terraform, synthesizes and writes (unless --skip-synth, which reads the manifest),
/// orders the selected stacks and, in each, runs `terraform init -input=false` (unless
/// --skip-init; its stdout goes to stderr) and then the step. Stops at the first command that
/// fails and returns its exit code; 0 when every stack succeeded; an ExitCode for our own
/// failures. `captured` receives each stack's output when the step captures it.
int run_terraform_step(const TerraformArgs& args, const TerraformStep& step, const StackCatalog& catalog, spdlog::logger& log,
                       std::vector<CapturedOutput>* captured = nullptr);

}  // namespace lcsynth::cli
