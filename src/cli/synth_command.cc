// `synth`: configure, build, synthesize and write atomically; print each stack's directory.

#include <chrono>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "lcsynth/cli.h"
#include "lcsynth/diagnostic.h"
#include "lcsynth/filesystem.h"
#include "lcsynth/writer.h"

namespace lcsynth::cli {

namespace {
int run_synth(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  auto started = std::chrono::steady_clock::now();
  Assembly assembly = build_and_synthesize(args, catalog, log);
  for (const auto& w : assembly.warnings)
    log.log(w.severity == Severity::kWarning ? spdlog::level::warn : spdlog::level::info, "{}", format_diagnostic(w));
  RealFileSystem fs;
  write_assembly(assembly, args.output, fs);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log.info("synthesized {} stack{} into '{}' in {:.1f} ms", assembly.stacks.size(), assembly.stacks.size() == 1 ? "" : "s",
           args.output, ms);
  for (const auto& s : assembly.stacks) std::cout << (std::filesystem::path(args.output) / s.working_directory).string() << "\n";
  return kOk;
}
}  // namespace

Command add_synth_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<SynthArgs>();
  CLI::App* cmd = app.add_subcommand("synth", "Synthesize stacks to Terraform JSON");
  add_synth_options(*cmd, *args, "Output directory");
  cmd->footer(kExitCodeFooter);
  return {cmd, [args, &catalog](spdlog::logger& log) { return run_synth(*args, catalog, log); }};
}

}  // namespace lcsynth::cli
