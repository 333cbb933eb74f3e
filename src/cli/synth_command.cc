// `synth`: configure, build, synthesize and write atomically; print each stack's directory.
// `synth --check` writes nothing: it compares with the output directory, the CI gate for
// repositories that commit their output.

#include <chrono>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "lcsynth/cli.h"
#include "lcsynth/diff_report.h"
#include "lcsynth/filesystem.h"
#include "lcsynth/keep_until_exit.h"
#include "lcsynth/writer.h"

namespace lcsynth::cli {

namespace {
struct SynthCommandArgs {
  SynthArgs synth;
  bool check = false;  // compare with the output directory instead of writing it
};

int run_check(const SynthArgs& args, const StackCatalog& catalog, const std::string& program, spdlog::logger& log) {
  Assembly assembly = build_and_synthesize(args, catalog, log);
  log_findings(assembly, log);
  OutputDiff diff = diff_outputs(read_existing_output(args.output, log), assembly.files(), DiffOptions{.stacks = args.stacks});
  if (diff.empty()) {
    log.info("'{}' is up to date", args.output);
    return kOk;
  }
  std::cout << diff_text(diff, TextDiffOptions{.color = use_color("auto")});
  log.error("'{}' is not what synthesis produces: run '{} synth' with the same options to update it", args.output, program);
  return kFailed;
}

int run_synth(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  auto started = std::chrono::steady_clock::now();
  WriteSummary written;
  Assembly assembly = build_and_write(args, catalog, log, written);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log.info("synthesized {} stack{} ({} files, {} bytes) into '{}' in {:.1f} ms", assembly.stacks.size(),
           assembly.stacks.size() == 1 ? "" : "s", written.files, written.bytes, args.output, ms);
  for (const auto& s : assembly.stacks) std::cout << (std::filesystem::path(args.output) / s.working_directory).string() << "\n";
  keep_until_exit(std::make_unique<Assembly>(std::move(assembly)));  // freed by the process exit, at once
  return kOk;
}
}  // namespace

Command add_synth_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<SynthCommandArgs>();
  CLI::App* cmd = app.add_subcommand("synth", "Synthesize stacks to Terraform JSON");
  add_synth_options(*cmd, args->synth, "Output directory");
  cmd->add_flag("--check", args->check, "Write nothing; exit 1 and show the differences when the output directory is out of date");
  cmd->footer(kExitCodeFooter);
  std::string program = app.get_name();
  return {cmd, [args, program, &catalog](spdlog::logger& log) {
            return args->check ? run_check(args->synth, catalog, program, log) : run_synth(args->synth, catalog, log);
          }};
}

}  // namespace lcsynth::cli
