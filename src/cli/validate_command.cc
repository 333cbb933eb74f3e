// `validate`: synthesize in memory and report every finding as text, JSON or SARIF.

#include <algorithm>
#include <iostream>

#include "commands.h"
#include "lcsynth/cli.h"
#include "lcsynth/errors.h"
#include "lcsynth/report.h"

namespace lcsynth::cli {

namespace {
struct ValidateArgs {
  SynthArgs synth;              // what to synthesize (nothing is written)
  std::string format = "text";  // text, json or sarif
  bool strict = false;          // warnings fail too
};

int run_validate(const ValidateArgs& args, const StackCatalog& catalog, spdlog::logger& log) {
  std::vector<Diagnostic> findings;
  try {
    findings = build_and_synthesize(args.synth, catalog, log).warnings;
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
}  // namespace

Command add_validate_command(CLI::App& app, const StackCatalog& catalog) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand("validate", "Synthesize in memory and report every finding; write nothing");
  add_synth_options(*cmd, args->synth, "Output directory the SARIF locations point into");
  cmd->add_option("--format", args->format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}))->capture_default_str();
  cmd->add_flag("--strict", args->strict, "Fail on warnings too");
  cmd->footer(kExitCodeFooter);
  return {cmd, [args, &catalog](spdlog::logger& log) { return run_validate(*args, catalog, log); }};
}

}  // namespace lcsynth::cli
