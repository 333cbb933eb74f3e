#pragma once
// Policies (cdk-nag style): rules run over the synthesized output at synth and by `validate`.
// A finding can be suppressed only with a reason and a scope (a construct subtree); suppressions
// are recorded in the stack's "//" metadata and listed by `validate`.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/diagnostic.h"
#include "lcsynth/stack.h"
#include "lcsynth/synthesizer.h"

namespace lcsynth {

class Construct;

/// One block of synthesized output, as a rule sees it.
struct BlockView {
  std::string kind;             ///< "resource", "data" or "module"
  std::string type;             ///< resource type, or the module's source for "module"
  std::string address;          ///< module-qualified: module.backend.aws_lambda_function.api
  std::string path;             ///< construct path
  const nlohmann::json& body;   ///< rendered arguments
};

struct PolicyRule {
  std::string id;                        ///< stable, e.g. "LC-S3-1"
  Severity severity = Severity::kError;
  std::string title;                     ///< what the rule requires
  std::vector<std::string> equivalents;  ///< checkov / Trivy ids checking the same thing
  std::string fix;                       ///< how to comply
  std::vector<std::string> applies_to;   ///< resource types and module sources
  /// Appends one message per violation found in `block`.
  std::function<void(const BlockView& block, std::vector<std::string>& violations)> check;
};

/// Records a suppression on the stack enclosing `scope` (Stack::suppressions() lists them). Throws ConstructError when `reason`
/// is empty or `rule` is.
void suppress(const Construct& scope, std::string rule, std::string reason);

class PolicyPack {
 public:
  void add(PolicyRule rule);
  const std::vector<PolicyRule>& rules() const { return rules_; }
  /// Every violation in `stack` as a finding (rule severity; "fix" from the rule and its
  /// equivalents). Suppressed ones come back as Severity::kInfo with "suppressed: <reason>".
  std::vector<Diagnostic> run(const StackArtifact& stack, const std::vector<Suppression>& suppressions) const;
  /// The same over one module's document, as synthesis renders it: `prefix` is the module's
  /// address prefix ("module.x."), `module_path` its construct path (where blocks without
  /// "//" metadata are reported).
  std::vector<Diagnostic> run_document(const nlohmann::json& doc, const std::string& prefix, const std::string& module_path,
                                       const std::vector<Suppression>& suppressions) const;

 private:
  void check(const BlockView& block, const std::vector<size_t>& rules, const std::vector<Suppression>& suppressions,
             std::vector<Diagnostic>& findings) const;
  std::vector<PolicyRule> rules_;
  /// Each type (or module source) some rule applies to: the indexes of those rules, in order.
  std::map<std::string, std::vector<size_t>, std::less<>> rules_by_type_;
};

}  // namespace lcsynth
