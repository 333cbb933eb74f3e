// `diff`: synthesize in memory and compare with the output directory (or --against DIR);
// print what differs as text or JSON and exit 1 when anything does, like `git diff --exit-code`.
// Also the reading and colour choice that `synth --check` shares.

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "commands.h"
#include "lcsynth/cli.h"
#include "lcsynth/diagnostic.h"
#include "lcsynth/diff_report.h"
#include "lcsynth/errors.h"
#include "lcsynth/filesystem.h"

namespace lcsynth::cli {

const char* const kDiffExitCodeFooter =
    "Exit codes: 0 no differences; 1 differences, or synthesis failed or the output could not be read;\n"
    "2 usage or configuration error; 3 internal error.";

OutputTree read_existing_output(const std::string& dir, spdlog::logger& log) {
  RealFileSystem fs;
  if (!fs.exists(dir)) {
    log.info("'{}' does not exist: everything is added", dir);
    return {};
  }
  if (!fs.is_directory(dir)) throw ConfigError(fmt::format("output path '{}' exists and is not a directory", dir));
  return read_output_tree(dir, fs);
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  // https://no-color.org: a NO_COLOR that is set and not empty turns colour off.
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0');
}

void log_findings(const Assembly& assembly, spdlog::logger& log) {
  for (const auto& w : assembly.warnings)
    log.log(w.severity == Severity::kWarning ? spdlog::level::warn : spdlog::level::info, "{}", format_diagnostic(w));
}

namespace {
struct DiffArgs {
  SynthArgs synth;
  std::string against;          // compare with this directory instead of synth.output
  std::string format = "text";  // text or json
  std::string color = "auto";   // auto, always or never
};

int run_diff(const DiffArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  const std::string& dir = args.against.empty() ? args.synth.output : args.against;
  if (RealFileSystem fs; fs.exists(dir) && !fs.is_directory(dir))  // a usage error before the synthesis
    throw ConfigError(fmt::format("output path '{}' exists and is not a directory", dir));
  Assembly assembly = build_and_synthesize(args.synth, catalog, log);
  log_findings(assembly, log);
  OutputDiff diff = diff_outputs(read_existing_output(dir, log), assembly.files(), DiffOptions{.stacks = args.synth.stacks});
  if (args.format == "json")
    std::cout << diff_json(diff).dump(2) << "\n";
  else
    std::cout << diff_text(diff, TextDiffOptions{.color = use_color(args.color)});
  return diff.empty() ? kOk : kFailed;
}
}  // namespace

Command add_diff_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand("diff", "Synthesize in memory and show how the output directory differs; write nothing");
  add_synth_options(*cmd, args->synth, "Output directory to compare with");
  cmd->add_option("--against", args->against, "Compare with this directory instead of the output directory")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option("--color", args->color, "auto (a terminal without NO_COLOR), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->footer(kDiffExitCodeFooter);
  return {cmd, [args, &catalog](spdlog::logger& log) { return run_diff(*args, catalog, log); }};
}

}  // namespace lcsynth::cli
