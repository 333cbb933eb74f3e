// The command line: CLI11 for flags, spdlog to stderr for progress and errors, stdout for
// results. Every library exception is mapped to an exit code here and nowhere else.

#include "lcsynth/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string_view>
#include <vector>

#include "commands.h"
#include "lcsynth/diagnostic.h"
#include "lcsynth/errors.h"
#include "lcsynth/version.h"

namespace lcsynth::cli {

namespace {
// Each subcommand in its own file; the order here is the order --help lists them. Each name is
// the one its adder gives the subcommand (tests/cli/cli_e2e_test.cc runs each by this name).
struct Subcommand {
  std::string_view name;
  Command (*add)(CLI::App& app, const StackCatalog& catalog);
};
constexpr Subcommand kSubcommands[] = {
    {"synth", add_synth_command}, {"validate", add_validate_command}, {"diff", add_diff_command},
    {"list", add_list_command},   {"graph", add_graph_command},       {"plan", add_plan_command},
    {"deploy", add_deploy_command}, {"destroy", add_destroy_command}, {"output", add_output_command},
};

// The subcommands to register: when exactly one subcommand's name is among the arguments, that
// one only, since building every other subcommand's options and validators cost a LibreChat
// synth about 0.8 M instructions (a tenth of its work); otherwise all of them, so that --help,
// a missing or misspelt subcommand and a second subcommand name are parsed and reported as
// before.
std::vector<const Subcommand*> subcommands_for(int argc, const char* const* argv) {
  std::vector<const Subcommand*> named;
  for (int i = 1; i < argc; ++i)
    for (const Subcommand& s : kSubcommands)
      if (s.name == argv[i] && std::find(named.begin(), named.end(), &s) == named.end()) named.push_back(&s);
  if (named.size() == 1) return named;
  std::vector<const Subcommand*> all;
  for (const Subcommand& s : kSubcommands) all.push_back(&s);
  return all;
}

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
  app.footer(kExitCodeFooter);
  app.set_version_flag("--version", std::string("lcsynth ") + kVersion);
  // At most one subcommand; its absence is reported after parsing, so that an unknown flag is
  // named rather than hidden behind "a subcommand is required".
  app.require_subcommand(0, 1);
  app.fallthrough();  // -v/-q may come after the subcommand too
  int verbosity = 0;
  app.add_flag_callback("-v,--verbose", [&] { verbosity = 1; }, "Log every step");
  app.add_flag_callback("-q,--quiet", [&] { verbosity = -1; }, "Log only warnings and errors");

  std::vector<Command> commands;
  for (const Subcommand* s : subcommands_for(argc, argv)) commands.push_back(s->add(app, catalog));

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
    std::vector<std::string> names;
    for (const Command& c : commands) names.push_back(c.app->get_name());
    logger->error("a subcommand is required: {}", fmt::join(names, ", "));
    logger->error("run '{} --help' for usage", program);
    return kUsage;
  }

  auto logger = make_logger(verbosity);
  try {
    for (const Command& c : commands)
      if (c.app->parsed()) return c.run(*logger);
    return kInternal;  // unreachable: one subcommand was parsed
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
