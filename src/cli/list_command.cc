// `list`: the stacks this program offers, as aligned text, or as JSON for pipelines: then the
// stacks are synthesized in memory so each entry carries its dependencies, in deployment order.

#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "lcsynth/app.h"
#include "lcsynth/cli.h"
#include "lcsynth/stack.h"
#include "lcsynth/stack_order.h"

namespace lcsynth::cli {

namespace {
struct ListArgs {
  SynthArgs synth;  // the configuration the JSON listing synthesizes with
  std::string format = "text";
};

int run_list_json(const ListArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  auto app = build_app(args.synth, catalog, log);
  Assembly assembly = synthesize(*app);
  auto out = nlohmann::json::array();
  for (const StackNode& s : order_stacks(stack_nodes(assembly)).stacks) {
    const StackEntry* entry = catalog.try_find(s.name);
    out.push_back({{"name", s.name},
                   {"description", entry != nullptr ? entry->description : app->find_stack(s.name).props().description},
                   {"workingDirectory", s.working_directory},
                   {"dependencies", s.dependencies}});
  }
  std::cout << out.dump(2) << "\n";
  return kOk;
}

int run_list(const ListArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  if (args.format == "json") return run_list_json(args, catalog, log);
  size_t width = 0;
  for (const auto& e : catalog.entries()) width = std::max(width, e.name.size());
  for (const auto& e : catalog.entries()) std::cout << fmt::format("{:<{}}  {}\n", e.name, width, e.description);
  return kOk;
}
}  // namespace

Command add_list_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<ListArgs>();
  CLI::App* cmd = app.add_subcommand("list", "List the stacks this program can synthesize");
  cmd->add_option("--format", args->format, "text, or json (synthesizes in memory to add each stack's dependencies)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("-c,--config", args->synth.config_file, "JSON configuration file (for --format json)");
  cmd->add_option("--set", args->synth.sets, "Override a configuration value: KEY=VALUE (repeatable; for --format json)")
      ->take_all()
      ->allow_extra_args(false);
  cmd->footer(kExitCodeFooter);
  return {cmd, [args, &catalog](spdlog::logger& log) { return run_list(*args, catalog, log); }};
}

}  // namespace lcsynth::cli
