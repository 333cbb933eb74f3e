// The terraform wrappers' shared run: find terraform, synthesize (or read the manifest), order
// the stacks, then `terraform init` and the command in each stack's directory, streaming
// terraform's output and stopping at the first failure with terraform's exit code.

#include "terraform_wrapper.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "child_process.h"
#include "lcsynth/app.h"
#include "lcsynth/aws_policies.h"
#include "lcsynth/cli.h"
#include "lcsynth/diagnostic.h"
#include "lcsynth/errors.h"
#include "lcsynth/manifest.h"
#include "lcsynth/schema.h"
#include "lcsynth/stack_order.h"
#include "lcsynth/writer.h"

namespace lcsynth::cli {

namespace fs = std::filesystem;

const char* const kTerraformExitCodeFooter =
    "Exit codes: 0 success; 1 synthesis failed or the output could not be written; 2 usage or configuration\n"
    "error, or terraform not found; 3 internal error; otherwise the exit code of the terraform command that\n"
    "failed (the last error line names the stack; no later stack is run).";

void add_terraform_options(CLI::App& cmd, TerraformArgs& args) {
  add_synth_options(cmd, args.synth, "Output directory: synthesized into, or read with --skip-synth");
  cmd.add_flag("--skip-synth", args.skip_synth, "Use the stacks already synthesized in the output directory (its manifest.json)")
      ->excludes(cmd.get_option("--config"))
      ->excludes(cmd.get_option("--set"));
  cmd.add_flag("--skip-init", args.skip_init, "Do not run 'terraform init' in each stack first");
  cmd.add_option("--terraform", args.terraform, "The terraform program: a path, or a name looked up on PATH")->capture_default_str();
  cmd.add_flag("--no-color", args.no_color, "Pass -no-color to every terraform command");
}

void add_variable_options(CLI::App& cmd, TerraformArgs& args) {
  cmd.add_option("--var", args.vars, "Set a Terraform variable: NAME=VALUE (repeatable; every selected stack must declare it)")
      ->take_all()
      ->allow_extra_args(false);  // one value each: `--var k=v STACK` leaves STACK a stack name
  cmd.add_option("--var-file", args.var_files, "A Terraform variables file (repeatable), relative to the current directory")
      ->take_all()
      ->allow_extra_args(false);
}

void add_parallelism_option(CLI::App& cmd, TerraformArgs& args) {
  cmd.add_option("--parallelism", args.parallelism, "Limit terraform's concurrent operations")->check(CLI::PositiveNumber);
}

void add_auto_approve_option(CLI::App& cmd, TerraformArgs& args) {
  cmd.add_flag("--auto-approve", args.auto_approve, "Do not ask for approval before changing anything");
}

std::vector<std::string> variable_flags(const CLI::App& cmd, const TerraformArgs& args) {
  const CLI::Option* var = cmd.get_option_no_throw("--var");
  const CLI::Option* var_file = cmd.get_option_no_throw("--var-file");
  // parse_order() lists each value's option as it came, so "--var-file a --var x=1" keeps
  // its order: Terraform applies assignments left to right.
  std::vector<std::string> out;
  size_t next_var = 0, next_file = 0;
  for (const CLI::Option* opt : cmd.parse_order()) {
    if (opt == var && next_var < args.vars.size()) {
      const std::string& assignment = args.vars[next_var++];
      if (assignment.find('=') == std::string::npos || assignment.front() == '=')
        throw ConfigError(fmt::format("--var '{}': expected NAME=VALUE, such as --var environment=dev", assignment));
      out.push_back("-var=" + assignment);
    } else if (opt == var_file && next_file < args.var_files.size()) {
      const std::string& file = args.var_files[next_file++];
      std::error_code ec;
      if (!fs::is_regular_file(file, ec)) throw ConfigError(fmt::format("--var-file '{}': no such file", file));
      out.push_back("-var-file=" + fs::absolute(file).lexically_normal().string());
    }
  }
  return out;
}

std::vector<std::string> parallelism_flags(const TerraformArgs& args) {
  if (!args.parallelism) return {};
  return {fmt::format("-parallelism={}", *args.parallelism)};
}

std::vector<std::string> join_args(std::initializer_list<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

namespace {
// Synthesizes every stack (so the output is whole and every dependency is known, whichever
// stacks were named) and writes the output, as `lcsynth synth` does.
std::vector<StackNode> synthesize_and_write(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  for (const auto& name : args.stacks) catalog.find(name);  // unknown names are usage errors, with "did you mean"
  SynthArgs all = args;
  all.stacks.clear();
  WriteSummary written;
  Assembly assembly = build_and_write(all, catalog, log, written);
  log.info("synthesized {} stack{} into '{}'", assembly.stacks.size(), assembly.stacks.size() == 1 ? "" : "s", args.output);
  return stack_nodes(assembly);
}

std::vector<StackNode> read_manifest(const SynthArgs& args) {
  fs::path manifest = fs::path(args.output) / "manifest.json";
  std::error_code ec;
  if (!fs::exists(manifest, ec))
    throw ConfigError(fmt::format("--skip-synth: '{}' does not exist: synthesize first ('synth -o {}') or drop --skip-synth",
                                  manifest.string(), args.output));
  auto nodes = read_manifest_stacks(manifest);
  if (nodes.empty()) throw ConfigError(fmt::format("--skip-synth: '{}' records no stacks", manifest.string()));
  return nodes;
}

void warn_unselected(const StackOrder& order, bool dependents_first, spdlog::logger& log) {
  if (dependents_first) {
    for (const auto& [stack, dependent] : order.unselected_dependents)
      log.warn("'{}' depends on '{}', but this run destroys '{}' and leaves '{}': destroy '{}' first", dependent, stack, stack, dependent,
               dependent);
  } else {
    for (const auto& [stack, dependency] : order.unselected_dependencies)
      log.warn("'{}' depends on '{}', which this run leaves out: it must be deployed already", stack, dependency);
  }
}

// One terraform command in one stack: a header on stderr, then terraform with our terminal.
int run_in_stack(const fs::path& terraform, const std::vector<std::string>& args, const StackNode& stack, const fs::path& dir,
                 ChildStdout out, spdlog::logger& log, std::string* captured = nullptr) {
  if (log.should_log(spdlog::level::info))
    std::cerr << fmt::format("==> {}: {} {}\n", stack.name, terraform.filename().string(), fmt::join(args, " "));
  log.debug("running {} in '{}'", terraform.string(), dir.string());
  ChildResult r = run_child(terraform, args, dir, out);
  if (captured != nullptr) *captured = std::move(r.captured);
  return r.exit_code;
}

std::string names_after(const std::vector<StackNode>& stacks, size_t i) {
  std::vector<std::string> names;
  for (size_t j = i + 1; j < stacks.size(); ++j) names.push_back(stacks[j].name);
  return names.empty() ? "" : fmt::format("; not run: {}", fmt::join(names, ", "));
}

std::optional<fs::path> find_terraform(const TerraformArgs& args, spdlog::logger& log) {
  const char* search_path = std::getenv("PATH");
  auto terraform = find_program(args.terraform, search_path == nullptr ? "" : search_path);
  if (terraform) return terraform;
  if (args.terraform.find('/') != std::string::npos)
    log.error("--terraform '{}': no executable file there; install Terraform >= 1.10 or pass --terraform PATH", args.terraform);
  else
    log.error("{} was not found on PATH; install Terraform >= 1.10 or pass --terraform PATH", args.terraform);
  return std::nullopt;
}

// `terraform init` (unless skipped) and the step in each stack, in the order given; the
// first failure ends the run and names the stacks that were not run.
int run_stacks(const fs::path& terraform, const std::vector<StackNode>& stacks, const TerraformArgs& args, const TerraformStep& step,
               spdlog::logger& log, std::vector<CapturedOutput>* captured) {
  std::vector<std::string> color = args.no_color ? std::vector<std::string>{"-no-color"} : std::vector<std::string>{};
  std::vector<std::string> init = join_args({{"init", "-input=false"}, color});
  std::vector<std::string> command = join_args({step.args, color});
  std::string tf = terraform.filename().string();
  for (size_t i = 0; i < stacks.size(); ++i) {
    const StackNode& stack = stacks[i];
    fs::path dir = fs::path(args.synth.output) / stack.working_directory;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      log.error("stack '{}': working directory '{}' does not exist{}", stack.name, dir.string(), names_after(stacks, i));
      return kUsage;
    }
    try {
      int code = args.skip_init ? 0 : run_in_stack(terraform, init, stack, dir, ChildStdout::kToStderr, log);
      if (code != 0) {
        log.error("{} init failed in stack '{}' with exit code {}{}", tf, stack.name, code, names_after(stacks, i));
        return code;
      }
      std::string out;
      code = run_in_stack(terraform, command, stack, dir, step.capture_stdout ? ChildStdout::kCapture : ChildStdout::kInherit, log, &out);
      if (code != 0) {
        log.error("{} {} failed in stack '{}' with exit code {}{}", tf, command.front(), stack.name, code, names_after(stacks, i));
        return code;
      }
      if (captured != nullptr) captured->push_back({stack.name, std::move(out)});
    } catch (const std::system_error& e) {
      log.error("could not run '{}' in '{}': {}", terraform.string(), dir.string(), e.code().message());
      return kUsage;
    }
  }
  std::vector<std::string> names;
  for (const auto& s : stacks) names.push_back(s.name);
  log.info("{} {} succeeded in {} stack{}: {}", tf, command.front(), names.size(), names.size() == 1 ? "" : "s", fmt::join(names, ", "));
  return kOk;
}
}  // namespace

int run_terraform_step(const TerraformArgs& args, const TerraformStep& step, const StackCatalog& catalog, spdlog::logger& log,
                       std::vector<CapturedOutput>* captured) {
  // Find terraform before anything is written, so a missing one costs nothing.
  auto terraform = find_terraform(args, log);
  if (!terraform) return kUsage;
  // The stacks and their dependencies: synthesized now, or as the manifest records them.
  std::vector<StackNode> nodes = args.skip_synth ? read_manifest(args.synth) : synthesize_and_write(args.synth, catalog, log);
  StackOrder order;
  try {
    order = order_stacks(nodes, args.synth.stacks);
  } catch (const ConfigError&) {
    throw;  // an unknown stack name: a usage error
  } catch (const Error& e) {
    log.error("{}", e.what());  // a dependency cycle
    return kFailed;
  }
  if (step.warn_unselected) warn_unselected(order, step.dependents_first, log);
  if (step.dependents_first) std::reverse(order.stacks.begin(), order.stacks.end());
  return run_stacks(*terraform, order.stacks, args, step, log, captured);
}

}  // namespace lcsynth::cli
