#pragma once
// What Terraform reads in a template string, for the fuzz targets' invariants: literal text
// ("$${" and "%%{" are escapes, ${"$"} is a "$", ${"$$"} two) and the bodies of "${...}" sequences. Only
// flat bodies (no braces inside) are split out; that is all the fuzz targets check.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lcsynth::fuzz {

struct ScannedTemplate {
  std::string literal;                       ///< literal text with escapes undone; "\x01" marks each interpolation
  std::vector<std::string> interpolations;   ///< "${...}" bodies in order
  bool has_directive = false;                ///< a "%{" Terraform would read as a directive
};

/// Scans `s` as HCL's template scanner does: "$${" / "%%{" are literal, "${" / "%{" open a
/// sequence, anything else is literal. nullopt when a "${" is not closed.
inline std::optional<ScannedTemplate> scan_template(std::string_view s) {
  ScannedTemplate out;
  size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 3, "$${") == 0 || s.compare(i, 3, "%%{") == 0) {
      out.literal += s[i];
      out.literal += '{';
      i += 3;
    } else if (s.compare(i, 2, "${") == 0) {
      size_t close = s.find('}', i + 2);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view body = s.substr(i + 2, close - i - 2);
      if (body.size() >= 3 && body.front() == '"' && body.back() == '"' &&
          body.find_first_not_of('$', 1) == body.size() - 1) {  // ${"$$"}: how "$"s before an interpolation are written
        out.literal += body.substr(1, body.size() - 2);
      } else {
        out.interpolations.emplace_back(body);
        out.literal += '\x01';
      }
      i = close + 1;
    } else if (s.compare(i, 2, "%{") == 0) {
      out.has_directive = true;
      out.literal += s[i++];
    } else {
      out.literal += s[i++];
    }
  }
  return out;
}

}  // namespace lcsynth::fuzz
