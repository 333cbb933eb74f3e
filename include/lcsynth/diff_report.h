#pragma once
// An OutputDiff as a report: counts, a text listing for people (optionally coloured) and JSON
// for scripts. Both are deterministic: the order is the OutputDiff's.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "lcsynth/output_diff.h"

namespace lcsynth {

struct ChangeCounts {
  size_t added = 0;
  size_t removed = 0;
  size_t changed = 0;
};

/// How many stacks, files and blocks differ. The items of an added (removed) stack or file
/// count as added (removed).
struct DiffSummary {
  ChangeCounts stacks;
  ChangeCounts files;
  std::map<std::string, ChangeCounts> blocks;  ///< by BlockDiff::kind
};

DiffSummary summarize(const OutputDiff& diff);

/// One line, like `git diff --stat`'s last: "1 stack changed; 1 file changed; 2 resources
/// added, 1 changed; 1 output removed" (kinds in block_kind_rank order), or "no differences".
std::string summary_line(const DiffSummary& summary);

struct TextDiffOptions {
  bool color = false;  ///< ANSI colours: + green, - red, ~ yellow
};

/// "" when `diff` is empty. Otherwise one line per differing stack, file, block and attribute,
/// marked + (added), - (removed) or ~ (changed) and indented by level, then summary_line():
///
///     ~ stack hello
///       ~ stacks/hello/cdk.tf.json
///         ~ variable.environment
///           ~ default: "dev" → "prod"
///         + resource.aws_sns_topic.alerts
///     - stack legacy (1 file, 3 blocks)
///     ~ manifest.json
///       - stacks.legacy
///     1 stack changed, 1 removed; 1 file changed, 1 removed; ...
///
/// Added and removed stacks and files are one line with their counts; a file's note follows
/// its path after ": ". Values are compact JSON.
std::string diff_text(const OutputDiff& diff, const TextDiffOptions& options = {});

/// {"identical": bool,
///  "summary": {"stacks": C, "files": C, "blocks": {"<kind>": C, ...}}   C = {"added", "removed", "changed"},
///  "stacks": [{"name", "change", "files": [F, ...]}, ...],
///  "files": [F, ...]}                                                      files outside the stacks (manifest.json)
/// F = {"path", "change", "note" (only when there is one), "blocks": [{"address", "kind", "change",
///      "attributes": [{"path", "pointer", "change", "old" (unless added), "new" (unless removed)}]}]}
/// "change" is "added", "removed" or "changed".
nlohmann::json diff_json(const OutputDiff& diff);

}  // namespace lcsynth
