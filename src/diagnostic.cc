// Formatting of findings and the exception that carries them.

#include "lcsynth/diagnostic.h"

#include <fmt/format.h>

namespace lcsynth {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string where = d.path.empty() ? "" : fmt::format(" [{}]", d.path);
  std::string address = d.address.empty() ? "" : fmt::format(" ({})", d.address);
  std::string fix = d.fix.empty() ? "" : fmt::format("\n  fix: {}", d.fix);
  return fmt::format("{} {}{}{}: {}{}", to_string(d.severity), d.rule, where, address, d.message, fix);
}

namespace {
std::string summarize(const std::vector<Diagnostic>& findings) {
  size_t errors = 0;
  std::string text;
  for (const auto& d : findings) {
    if (d.severity == Severity::kError) ++errors;
    text += format_diagnostic(d) + "\n";
  }
  return fmt::format("synthesis failed with {} error{}:\n{}", errors, errors == 1 ? "" : "s", text);
}
}  // namespace

SynthesisError::SynthesisError(std::vector<Diagnostic> findings)
    : Error(summarize(findings)), findings_(std::move(findings)) {}

}  // namespace lcsynth
