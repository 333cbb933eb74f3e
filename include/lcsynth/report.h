#pragma once
// Findings as reports: plain text for people, JSON for scripts, SARIF 2.1.0 for code scanning
// (GitHub shows SARIF results inline on pull requests).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/diagnostic.h"

namespace lcsynth {

/// One line per finding (format_diagnostic), then "N errors, M warnings".
std::string report_text(const std::vector<Diagnostic>& findings);

/// {"findings": [{severity, rule, path, address, message, fix}], "errors": N, "warnings": M}
nlohmann::json report_json(const std::vector<Diagnostic>& findings);

/// A SARIF 2.1.0 log. Each result points at the synthesized file that holds its element
/// (`output_dir`/stacks/<stack>/[modules/<m>/...]main.tf.json, derived from the construct path's
/// stack and the address's module.* prefix) and names the construct path and Terraform address
/// as logical locations.
nlohmann::json report_sarif(const std::vector<Diagnostic>& findings, const std::string& output_dir);

}  // namespace lcsynth
