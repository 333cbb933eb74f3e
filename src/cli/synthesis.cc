// What every synthesizing subcommand shares: the options that pick stacks and configuration,
// and the build of the app from the catalog.

#include <utility>

#include <fmt/format.h>

#include "commands.h"
#include "lcsynth/keep_until_exit.h"
#include "lcsynth/app.h"
#include "lcsynth/aws_policies.h"
#include "lcsynth/config.h"
#include "lcsynth/errors.h"
#include "lcsynth/filesystem.h"
#include "lcsynth/schema.h"
#include "lcsynth/writer.h"

namespace lcsynth::cli {

const char* const kExitCodeFooter =
    "Exit codes: 0 success; 1 synthesis or validation failed, or the output could not be written;\n"
    "2 usage or configuration error; 3 internal error.";

void add_synth_options(CLI::App& cmd, SynthArgs& args, const std::string& output_help) {
  cmd.add_option("stacks", args.stacks, "Stacks (default: all)");
  cmd.add_option("-c,--config", args.config_file, "JSON configuration file");
  // One KEY=VALUE per --set, so stack names may follow it: `synth --set a=1 web`.
  cmd.add_option("--set", args.sets, "Override a configuration value: KEY=VALUE (repeatable)")->type_size(1)->allow_extra_args(false)->take_all();
  cmd.add_option("-o,--output", args.output, output_help)->capture_default_str();
}

std::unique_ptr<App> build_app(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  Config config;
  if (!args.config_file.empty()) config = load_config_file(args.config_file);
  for (const auto& s : args.sets) apply_set(config, s);
  for (const auto& name : args.stacks) catalog.find(name);  // unknown names are usage errors, with "did you mean"
  if (catalog.entries().empty()) throw ConfigError("this program has no stacks to synthesize");

  auto app = std::make_unique<App>();
  for (const StackEntry& e : catalog.entries()) {
    log.debug("building stack '{}' from {}", e.name, config.source);
    e.build(*app, config);
  }
  return app;
}

namespace {
// build_app(), and the options every synthesizing command uses. (The built-in schemas used to
// be indexed on a thread of their own meanwhile; with their descriptions compiled in, what is
// left costs less than starting the thread: docs/benchmarks.md.)
std::pair<std::unique_ptr<App>, SynthOptions> prepare(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  auto app = build_app(args, catalog, log);
  return {std::move(app), SynthOptions{.stacks = args.stacks,
                                       .schemas = &builtin_schemas(),
                                       .policies = &aws_policy_pack(),
                                       .leave_last_documents_to_exit = true}};  // a command ends the process
}
}  // namespace

Assembly build_and_synthesize(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  auto [app, options] = prepare(args, catalog, log);
  Assembly assembly = synthesize(*app, options);
  keep_until_exit(std::move(app));  // a command ends the process: no need to free the tree
  return assembly;
}

Assembly build_and_write(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log, WriteSummary& written) {
  auto [app, options] = prepare(args, catalog, log);
  RealFileSystem fs;
  StagedOutput output(args.output, fs);
  Assembly assembly = synthesize(*app, options, output);
  keep_until_exit(std::move(app));
  log_findings(assembly, log);
  written = output.commit();
  return assembly;
}

}  // namespace lcsynth::cli
