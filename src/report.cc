// Report formats for findings. SARIF follows the 2.1.0 schema: one run, the tool's rules
// (one per rule id seen), and results with physical and logical locations.

#include "lcsynth/report.h"

#include <map>

#include <fmt/format.h>

#include "lcsynth/version.h"

namespace lcsynth {

namespace {
std::pair<size_t, size_t> count(const std::vector<Diagnostic>& findings) {
  size_t errors = 0, warnings = 0;
  for (const auto& d : findings) {
    if (d.severity == Severity::kError) ++errors;
    if (d.severity == Severity::kWarning) ++warnings;
  }
  return {errors, warnings};
}

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "note";
  }
  return "error";
}

// stacks/<stack>/cdk.tf.json, or stacks/<stack>/modules/<a>/modules/<b>/main.tf.json for an
// address module.a.module.b.<...>.
std::string file_of(const Diagnostic& d, const std::string& output_dir) {
  std::string stack = d.path.substr(0, d.path.find('/'));
  std::string file = output_dir + "/stacks/" + stack;
  std::string address = d.address;
  bool in_module = false;
  while (address.rfind("module.", 0) == 0) {
    size_t name_end = address.find('.', 7);
    if (name_end == std::string::npos) break;  // the module call itself lives in its parent
    file += "/modules/" + address.substr(7, name_end - 7);
    address = address.substr(name_end + 1);
    in_module = true;
  }
  return file + (in_module ? "/main.tf.json" : "/cdk.tf.json");
}
}  // namespace

std::string report_text(const std::vector<Diagnostic>& findings) {
  std::string out;
  for (const auto& d : findings) out += format_diagnostic(d) + "\n";
  auto [errors, warnings] = count(findings);
  out += fmt::format("{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  return out;
}

nlohmann::json report_json(const std::vector<Diagnostic>& findings) {
  auto list = nlohmann::json::array();
  for (const auto& d : findings)
    list.push_back({{"severity", to_string(d.severity)}, {"rule", d.rule}, {"path", d.path}, {"address", d.address},
                    {"message", d.message}, {"fix", d.fix}});
  auto [errors, warnings] = count(findings);
  return {{"findings", list}, {"errors", errors}, {"warnings", warnings}};
}

nlohmann::json report_sarif(const std::vector<Diagnostic>& findings, const std::string& output_dir) {
  std::map<std::string, const Diagnostic*> rules;
  for (const auto& d : findings) rules.emplace(d.rule, &d);
  auto rule_list = nlohmann::json::array();
  for (const auto& [id, d] : rules)
    rule_list.push_back({{"id", id}, {"name", id}, {"shortDescription", {{"text", id}}},
                         {"defaultConfiguration", {{"level", sarif_level(d->severity)}}}});
  auto results = nlohmann::json::array();
  for (const auto& d : findings) {
    std::string text = d.message + (d.fix.empty() ? "" : " Fix: " + d.fix);
    auto logical = nlohmann::json::array({{{"kind", "resource"}, {"fullyQualifiedName", d.path}}});
    if (!d.address.empty()) logical.push_back({{"kind", "declaration"}, {"fullyQualifiedName", d.address}});
    results.push_back({{"ruleId", d.rule},
                       {"level", sarif_level(d.severity)},
                       {"message", {{"text", text}}},
                       {"locations", nlohmann::json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", file_of(d, output_dir)}}}}},
                                                             {"logicalLocations", logical}}})}});
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", nlohmann::json::array({{{"tool", {{"driver", {{"name", "lcsynth"}, {"version", kVersion}, {"rules", rule_list}}}}},
                                           {"results", results}}})}};
}

}  // namespace lcsynth
