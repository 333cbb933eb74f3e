// Subcommands: synth (configure, build, synthesize, write) and list.

#include "commands.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "lcsynth/app.h"
#include "lcsynth/cli.h"
#include "lcsynth/diagnostic.h"
#include "lcsynth/aws_policies.h"
#include "lcsynth/filesystem.h"
#include "lcsynth/report.h"
#include "lcsynth/schema.h"
#include "lcsynth/synthesizer.h"
#include "lcsynth/writer.h"

namespace lcsynth::cli {

namespace {
// Configuration, the selected catalog entries, and synthesis with the built-in schemas.
Assembly build_and_synthesize(const SynthArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  Config config;
  if (!args.config_file.empty()) config = load_config_file(args.config_file);
  for (const auto& s : args.sets) apply_set(config, s);

  std::vector<const StackEntry*> entries;
  if (args.stacks.empty()) {
    for (const auto& e : catalog.entries()) entries.push_back(&e);
  } else {
    for (const auto& name : args.stacks) entries.push_back(&catalog.find(name));
  }
  if (entries.empty()) throw ConfigError("this program has no stacks to synthesize");

  App app;
  for (const StackEntry* e : entries) {
    log.debug("building stack '{}' from {}", e->name, config.source);
    e->build(app, config);
  }
  return synthesize(app, SynthOptions{.stacks = args.stacks, .schemas = &builtin_schemas(), .policies = &aws_policy_pack()});
}
}  // namespace

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

int run_validate(const ValidateArgs& args, const StackCatalog& catalog) {
  auto log = spdlog::get("lcsynth");
  std::vector<Diagnostic> findings;
  try {
    findings = build_and_synthesize(args.synth, catalog, *log).warnings;
  } catch (const SynthesisError& e) {
    findings = e.findings();
  }
  if (args.format == "json") {
    std::cout << report_json(findings).dump(2) << "\n";
  } else if (args.format == "sarif") {
    std::cout << report_sarif(findings, args.synth.output).dump(2) << "\n";
  } else {
    std::cout << report_text(findings);
  }
  bool failed = std::any_of(findings.begin(), findings.end(), [&](const Diagnostic& d) {
    return d.severity == Severity::kError || (args.strict && d.severity == Severity::kWarning);
  });
  return failed ? kFailed : kOk;
}

int run_list(const ListArgs& args, const StackCatalog& catalog) {
  if (args.format == "json") {
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

}  // namespace lcsynth::cli
