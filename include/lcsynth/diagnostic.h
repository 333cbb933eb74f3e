#pragma once
// Findings of the validation pass: collected, never thrown one by one, and reported together.

#include <string>
#include <vector>

#include "lcsynth/errors.h"

namespace lcsynth {

enum class Severity { kError, kWarning, kInfo };

/// One finding: where (construct path and Terraform address), which rule, what is wrong and
/// how to fix it.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string rule;     ///< stable id, e.g. "core/duplicate-address"
  std::string path;     ///< construct path
  std::string address;  ///< Terraform address, "" when not applicable
  std::string message;  ///< what is wrong
  std::string fix;      ///< how to fix it, "" when obvious
};

const char* to_string(Severity s);
/// "error core/cycle [librechat/a] (aws_x.a): message\n  fix: ..."
std::string format_diagnostic(const Diagnostic& d);

/// Synthesis stopped because validation found errors; carries every finding.
class SynthesisError : public Error {
 public:
  explicit SynthesisError(std::vector<Diagnostic> findings);
  const std::vector<Diagnostic>& findings() const { return findings_; }

 private:
  std::vector<Diagnostic> findings_;
};

}  // namespace lcsynth
