// The policy engine: walks every resource, data source and module call of a synthesized stack
// (root and local modules, with module-qualified addresses), runs the rules that apply, and
// marks findings under a suppression's construct subtree as suppressed, with its reason.

#include "lcsynth/policy.h"

#include <fmt/format.h>

#include "lcsynth/errors.h"
#include "lcsynth/stack.h"

namespace lcsynth {

namespace {
using nlohmann::json;

// The construct path a block records in its "//" metadata, else `fallback`.
std::string path_of(const json& body, const std::string& fallback) {
  return body.contains("//") ? body["//"]["metadata"].value("path", fallback) : fallback;
}

// Every resource, data source and module call of one module's document.
void walk_document(const json& doc, const std::string& prefix, const std::string& fallback_path, const std::function<void(const BlockView&)>& visit) {
  for (const char* kind : {"resource", "data"})
    if (doc.contains(kind))
      for (const auto& [type, blocks] : doc[kind].items())
        for (const auto& [name, body] : blocks.items())
          visit({kind, type, prefix + (std::string(kind) == "data" ? "data." : "") + type + "." + name, path_of(body, fallback_path), body});
  if (doc.contains("module"))
    for (const auto& [name, call] : doc["module"].items())
      visit({"module", call.value("source", ""), prefix + "module." + name, path_of(call, fallback_path), call});
}

// The same over `file` of `stack` and the local modules it calls, each call before its module.
void walk_module(const StackArtifact& stack, const std::string& file, const std::string& prefix, const std::string& fallback_path,
                 const std::function<void(const BlockView&)>& visit) {
  auto it = stack.files.find(file);
  if (it == stack.files.end()) return;
  const json& doc = it->second;
  walk_document(doc, prefix, fallback_path, visit);
  if (!doc.contains("module")) return;
  std::string dir = file.substr(0, file.rfind('/'));
  for (const auto& [name, call] : doc["module"].items())
    if (std::string source = call.value("source", ""); source.rfind("./", 0) == 0)
      walk_module(stack, dir + "/" + source.substr(2) + "/main.tf.json", prefix + "module." + name + ".", path_of(call, fallback_path), visit);
}

bool under(const std::string& path, const std::string& scope) {
  return path == scope || (path.size() > scope.size() && path.compare(0, scope.size(), scope) == 0 && path[scope.size()] == '/');
}
}  // namespace

void suppress(const Construct& scope, std::string rule, std::string reason) {
  if (rule.empty() || reason.empty())
    throw ConstructError(scope.path(), "a suppression needs a rule id and a reason: say why the finding is accepted");
  Stack::of(scope).add_suppression({std::move(rule), scope.path(), std::move(reason)});
}

void PolicyPack::add(PolicyRule rule) {
  for (const auto& r : rules_)
    if (r.id == rule.id) throw Error(fmt::format("policy rule '{}' is defined twice", rule.id));
  rules_.push_back(std::move(rule));
}

void PolicyPack::check(const BlockView& block, const std::vector<Suppression>& suppressions, std::vector<Diagnostic>& findings) const {
  for (const auto& rule : rules_) {
    if (std::find(rule.applies_to.begin(), rule.applies_to.end(), block.type) == rule.applies_to.end()) continue;
    std::vector<std::string> violations;
    rule.check(block, violations);
    for (auto& message : violations) {
      std::string fix = rule.fix;
      if (!rule.equivalents.empty()) fix += fmt::format(" (same as {})", fmt::join(rule.equivalents, ", "));
      Diagnostic d{rule.severity, rule.id, block.path, block.address, rule.title + ": " + message, fix};
      for (const auto& s : suppressions)
        if (s.rule == rule.id && under(block.path, s.scope)) {
          d.severity = Severity::kInfo;
          d.fix = "suppressed: " + s.reason;
          break;
        }
      findings.push_back(std::move(d));
    }
  }
}

std::vector<Diagnostic> PolicyPack::run(const StackArtifact& stack, const std::vector<Suppression>& suppressions) const {
  std::vector<Diagnostic> findings;
  walk_module(stack, stack.working_directory + "/cdk.tf.json", "", stack.construct_path,
              [&](const BlockView& block) { check(block, suppressions, findings); });
  return findings;
}

std::vector<Diagnostic> PolicyPack::run_document(const nlohmann::json& doc, const std::string& prefix, const std::string& module_path,
                                                 const std::vector<Suppression>& suppressions) const {
  std::vector<Diagnostic> findings;
  walk_document(doc, prefix, module_path, [&](const BlockView& block) { check(block, suppressions, findings); });
  return findings;
}

}  // namespace lcsynth
