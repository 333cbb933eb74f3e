// The policy engine: walks every resource, data source and module call of a synthesized stack
// (root and local modules, with module-qualified addresses), runs the rules that apply, and
// marks findings under a suppression's construct subtree as suppressed, with its reason.

#include "lcsynth/policy.h"

#include <fmt/format.h>

#include "lcsynth/errors.h"
#include "lcsynth/stack.h"
#include "recorded_path.h"

namespace lcsynth {

namespace {
using nlohmann::json;

// The whole construct path of a block of the document of module `prefix` (detail::block_path()).
std::string path_of(const json& body, const std::string& module_path, const std::string& prefix) {
  return detail::block_path(body, module_path, !prefix.empty());
}

// The rules to run on a block, by its type (a module's source).
using RulesByType = std::map<std::string, std::vector<size_t>, std::less<>>;
using Visit = std::function<void(const BlockView&, const std::vector<size_t>& rules)>;

// Every resource, data source and module call of one module's document that some rule applies
// to (no other block is made a BlockView), with those rules.
void walk_document(const json& doc, const std::string& prefix, const std::string& fallback_path, const RulesByType& rules, const Visit& visit) {
  for (const char* kind : {"resource", "data"})
    if (auto section = doc.find(kind); section != doc.end())
      for (const auto& [type, blocks] : section->items())
        if (auto applying = rules.find(type); applying != rules.end())
          for (const auto& [name, body] : blocks.items()) {
            std::string address = prefix;
            address.append(kind[0] == 'd' ? "data." : "").append(type).append(".").append(name);
            visit({kind, type, std::move(address), path_of(body, fallback_path, prefix), body}, applying->second);
          }
  if (auto calls = doc.find("module"); calls != doc.end())
    for (const auto& [name, call] : calls->items()) {
      std::string source = call.value("source", "");
      auto applying = rules.find(source);
      if (applying == rules.end()) continue;
      visit({"module", std::move(source), prefix + "module." + name, path_of(call, fallback_path, prefix), call}, applying->second);
    }
}

// The same over `file` of `stack` and the local modules it calls, each call before its module.
void walk_module(const StackArtifact& stack, const std::string& file, const std::string& prefix, const std::string& fallback_path,
                 const RulesByType& rules, const Visit& visit) {
  auto it = stack.files.find(file);
  if (it == stack.files.end()) return;
  const json& doc = it->second;
  walk_document(doc, prefix, fallback_path, rules, visit);
  if (!doc.contains("module")) return;
  std::string dir = file.substr(0, file.rfind('/'));
  for (const auto& [name, call] : doc["module"].items())
    if (std::string source = call.value("source", ""); source.rfind("./", 0) == 0)
      walk_module(stack, dir + "/" + source.substr(2) + "/main.tf.json", prefix + "module." + name + ".", path_of(call, fallback_path, prefix), rules, visit);
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
  for (const auto& type : rule.applies_to) {
    std::vector<size_t>& applying = rules_by_type_[type];
    if (applying.empty() || applying.back() != rules_.size()) applying.push_back(rules_.size());  // once, even if listed twice
  }
  rules_.push_back(std::move(rule));
}

void PolicyPack::check(const BlockView& block, const std::vector<size_t>& applying, const std::vector<Suppression>& suppressions,
                       std::vector<Diagnostic>& findings) const {
  for (size_t index : applying) {
    const PolicyRule& rule = rules_[index];
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
  walk_module(stack, stack.working_directory + "/cdk.tf.json", "", stack.construct_path, rules_by_type_,
              [&](const BlockView& block, const std::vector<size_t>& applying) { check(block, applying, suppressions, findings); });
  return findings;
}

std::vector<Diagnostic> PolicyPack::run_document(const nlohmann::json& doc, const std::string& prefix, const std::string& module_path,
                                                 const std::vector<Suppression>& suppressions) const {
  std::vector<Diagnostic> findings;
  walk_document(doc, prefix, module_path, rules_by_type_,
                [&](const BlockView& block, const std::vector<size_t>& applying) { check(block, applying, suppressions, findings); });
  return findings;
}

}  // namespace lcsynth
