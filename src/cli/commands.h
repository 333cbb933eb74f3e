#pragma once
// Internal to the CLI: each subcommand registers its flags on the CLI11 app and hands back how
// to run it once parsing succeeded. One file per subcommand (synth_command.cc, ...).

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <spdlog/logger.h>

#include "lcsynth/catalog.h"
#include "lcsynth/output_diff.h"
#include "lcsynth/synthesizer.h"
#include "lcsynth/writer.h"

namespace lcsynth {
class App;
}

namespace lcsynth::cli {

/// The footer every subcommand's --help ends with.
extern const char* const kExitCodeFooter;

/// A registered subcommand: run() is called when `app` was the one given on the command line.
/// It returns an ExitCode and lets library exceptions through to cli::run(), which maps them.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(spdlog::logger& log)> run;
};

/// What to synthesize: shared by every command that synthesizes first.
struct SynthArgs {
  std::vector<std::string> stacks;
  std::string config_file;
  std::vector<std::string> sets;
  std::string output = "cdktf.out";
};

/// Adds the stack names, -c/--config, --set and -o/--output options. `output_help` says what
/// the output directory means for this command.
void add_synth_options(CLI::App& cmd, SynthArgs& args, const std::string& output_help);

/// Loads the configuration and builds every catalog entry into one app, so stacks can
/// reference each other. Checks that each name in args.stacks is in the catalog.
std::unique_ptr<App> build_app(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log);

/// build_app(), then synthesis of the selected stacks with the built-in schemas and policies.
Assembly build_and_synthesize(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log);

/// build_app(), then a streaming synthesis of the selected stacks straight into args.output
/// (staged, and swapped in only when synthesis succeeded): the output is never all in memory.
/// Logs the non-fatal findings; `written` receives what was written. The Assembly has no
/// documents (see synthesize() with a DocumentSink).
Assembly build_and_write(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log, WriteSummary& written);

/// The output tree in `dir` for a comparison; a missing `dir` reads as empty, with a note on
/// stderr. Throws ConfigError when `dir` is not a directory.
OutputTree read_existing_output(const std::string& dir, spdlog::logger& log);

/// Whether to colour stdout for --color `mode` (auto, always, never): auto means stdout is a
/// terminal and NO_COLOR is unset or empty.
bool use_color(const std::string& mode);

/// Logs the synthesis's non-fatal findings to stderr, as `synth` does.
void log_findings(const Assembly& assembly, spdlog::logger& log);

Command add_synth_command(CLI::App& app, const StackCatalog& catalog);
Command add_validate_command(CLI::App& app, const StackCatalog& catalog);
Command add_list_command(CLI::App& app, const StackCatalog& catalog);
Command add_diff_command(CLI::App& app, const StackCatalog& catalog);
Command add_graph_command(CLI::App& app, const StackCatalog& catalog);
Command add_plan_command(CLI::App& app, const StackCatalog& catalog);
Command add_deploy_command(CLI::App& app, const StackCatalog& catalog);
Command add_destroy_command(CLI::App& app, const StackCatalog& catalog);
Command add_output_command(CLI::App& app, const StackCatalog& catalog);

}  // namespace lcsynth::cli
