// `output`: synthesize, then `terraform output` in each stack, dependencies first. With
// --json, each stack's `terraform output -json` is collected into one object keyed by stack
// name, so stdout is a single JSON document however many stacks there are.

#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "lcsynth/cli.h"
#include "terraform_wrapper.h"

namespace lcsynth::cli {

namespace {
int run_output(const TerraformArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  TerraformStep step{.args = {"output"}, .warn_unselected = false};  // reading outputs needs no dependency
  if (!args.json) return run_terraform_step(args, step, catalog, log);

  step.args.push_back("-json");
  step.capture_stdout = true;
  std::vector<CapturedOutput> captured;
  int code = run_terraform_step(args, step, catalog, log, &captured);
  if (code != kOk) return code;
  auto all = nlohmann::json::object();
  for (const auto& c : captured) {
    auto parsed = nlohmann::json::parse(c.text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
      std::string shown = c.text.substr(0, std::min(c.text.find_last_not_of(" \t\r\n") + 1, size_t{200}));
      log.error("terraform output -json in stack '{}' printed {}, not JSON", c.stack, shown.empty() ? "nothing" : "'" + shown + "'");
      return kFailed;
    }
    all[c.stack] = std::move(parsed);
  }
  std::cout << all.dump(2) << "\n";
  return kOk;
}
}  // namespace

Command add_output_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<TerraformArgs>();
  CLI::App* cmd = app.add_subcommand("output", "Synthesize, then run 'terraform output' in each stack, dependencies first");
  add_terraform_options(*cmd, *args);
  cmd->add_flag("--json", args->json, "One JSON object on stdout: {\"<stack>\": <terraform output -json>, ...}");
  cmd->footer(kTerraformExitCodeFooter);
  return {cmd, [args, &catalog](spdlog::logger& log) { return run_output(*args, catalog, log); }};
}

}  // namespace lcsynth::cli
