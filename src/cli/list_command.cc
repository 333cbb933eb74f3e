// `list`: the stacks this program offers, as aligned text or JSON for pipelines.

#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "lcsynth/cli.h"

namespace lcsynth::cli {

namespace {
int run_list(const std::string& format, const StackCatalog& catalog) {
  if (format == "json") {
    auto out = nlohmann::json::array();
    for (const auto& e : catalog.entries())
      out.push_back({{"name", e.name}, {"description", e.description}, {"workingDirectory", "stacks/" + e.name}});
    std::cout << out.dump(2) << "\n";
    return kOk;
  }
  size_t width = 0;
  for (const auto& e : catalog.entries()) width = std::max(width, e.name.size());
  for (const auto& e : catalog.entries()) std::cout << fmt::format("{:<{}}  {}\n", e.name, width, e.description);
  return kOk;
}
}  // namespace

Command add_list_command(CLI::App& app, const StackCatalog& catalog) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("list", "List the stacks this program can synthesize");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  return {cmd, [format, &catalog](spdlog::logger&) { return run_list(*format, catalog); }};
}

}  // namespace lcsynth::cli
