// The command line: CLI11 for flags, spdlog to stderr for progress and errors, stdout for
// results. Every library exception is mapped to an exit code here and nowhere else.

#include "lcsynth/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "commands.h"
#include "lcsynth/diagnostic.h"
#include "lcsynth/errors.h"
#include "lcsynth/version.h"

namespace lcsynth::cli {

namespace {
constexpr const char* kFooter =
    "Exit codes: 0 success; 1 synthesis or validation failed, or the output could not be written;\n"
    "2 usage or configuration error; 3 internal error.";

std::shared_ptr<spdlog::logger> make_logger(int verbosity) {
  auto logger = spdlog::get("lcsynth");
  if (!logger) logger = spdlog::stderr_color_mt("lcsynth");
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(verbosity > 0 ? spdlog::level::debug : verbosity < 0 ? spdlog::level::warn : spdlog::level::info);
  return logger;
}
}  // namespace

int run(int argc, const char* const* argv, const StackCatalog& catalog) {
  std::string program = argc > 0 ? std::filesystem::path(argv[0]).filename().string() : "lcsynth";
  CLI::App app{"lcsynth: typed C++ constructs synthesized to Terraform JSON", program};
  app.footer(kFooter);
  app.set_version_flag("--version", std::string("lcsynth ") + kVersion);
  // At most one subcommand; its absence is reported after parsing, so that an unknown flag is
  // named rather than hidden behind "a subcommand is required".
  app.require_subcommand(0, 1);
  app.fallthrough();  // -v/-q may come after the subcommand too
  int verbosity = 0;
  app.add_flag_callback("-v,--verbose", [&] { verbosity = 1; }, "Log every step");
  app.add_flag_callback("-q,--quiet", [&] { verbosity = -1; }, "Log only warnings and errors");

  SynthArgs synth;
  CLI::App* synth_cmd = app.add_subcommand("synth", "Synthesize stacks to Terraform JSON");
  synth_cmd->add_option("stacks", synth.stacks, "Stacks to synthesize (default: all)");
  synth_cmd->add_option("-c,--config", synth.config_file, "JSON configuration file");
  synth_cmd->add_option("--set", synth.sets, "Override a configuration value: KEY=VALUE (repeatable)")->take_all();
  synth_cmd->add_option("-o,--output", synth.output, "Output directory")->capture_default_str();
  synth_cmd->footer(kFooter);

  ValidateArgs validate;
  CLI::App* validate_cmd = app.add_subcommand("validate", "Synthesize in memory and report every finding; write nothing");
  validate_cmd->add_option("stacks", validate.synth.stacks, "Stacks to validate (default: all)");
  validate_cmd->add_option("-c,--config", validate.synth.config_file, "JSON configuration file");
  validate_cmd->add_option("--set", validate.synth.sets, "Override a configuration value: KEY=VALUE (repeatable)")->take_all();
  validate_cmd->add_option("-o,--output", validate.synth.output, "Output directory the SARIF locations point into")->capture_default_str();
  validate_cmd->add_option("--format", validate.format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}))->capture_default_str();
  validate_cmd->add_flag("--strict", validate.strict, "Fail on warnings too");
  validate_cmd->footer(kFooter);

  ListArgs list;
  CLI::App* list_cmd = app.add_subcommand("list", "List the stacks this program can synthesize");
  list_cmd->add_option("--format", list.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    auto logger = make_logger(0);
    logger->error("{}", e.what());
    logger->error("run '{} --help' for usage", program);
    return kUsage;
  }
  if (app.get_subcommands().empty()) {
    auto logger = make_logger(0);
    logger->error("a subcommand is required: synth, validate or list");
    logger->error("run '{} --help' for usage", program);
    return kUsage;
  }

  auto logger = make_logger(verbosity);
  try {
    if (*synth_cmd) return run_synth(synth, catalog, *logger);
    if (*validate_cmd) return run_validate(validate, catalog);
    return run_list(list, catalog);
  } catch (const ConfigError& e) {
    logger->error("{}", e.what());
    return kUsage;
  } catch (const SynthesisError& e) {
    for (const auto& d : e.findings())
      logger->log(d.severity == Severity::kError ? spdlog::level::err : d.severity == Severity::kWarning ? spdlog::level::warn : spdlog::level::info,
                  "{}", format_diagnostic(d));
    logger->error("synthesis failed; nothing was written");
    return kFailed;
  } catch (const ConstructError& e) {
    logger->error("{}", e.what());
    logger->error("synthesis failed; nothing was written");
    return kFailed;
  } catch (const WriteError& e) {
    logger->error("{}", e.what());
    return kFailed;
  } catch (const std::exception& e) {
    logger->error("internal error: {} (please report this with the command you ran)", e.what());
    return kInternal;
  } catch (...) {
    logger->error("internal error: unknown exception (please report this with the command you ran)");
    return kInternal;
  }
}

}  // namespace lcsynth::cli
