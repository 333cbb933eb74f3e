#pragma once
// Comparison of two synthesized outputs, usually what is on disk and what synthesis would write
// now: stacks, files, Terraform blocks and, for changed blocks, attribute paths with old and new
// values. Rendering the result as text or JSON is diff_report.h's job.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/filesystem.h"

namespace lcsynth {

/// An output tree: path relative to the output directory -> exact bytes. Assembly::files()
/// gives the synthesized one, read_output_tree() reads one from disk.
using OutputTree = std::map<std::string, std::string>;

/// Reads the files write_assembly() replaces from the output directory `dir`: manifest.json,
/// stacks/<stack>/cdk.tf.json and every file under stacks/<stack>/modules/. What the writer
/// carries over (.terraform/, lock files, local state, any other file) is not read, because a
/// synth would leave it as it is. A missing `dir` reads as an empty tree. Throws WriteError
/// when `dir` is not a directory or a file cannot be read.
OutputTree read_output_tree(const std::filesystem::path& dir, FileSystem& fs);

/// How an item differs between the old and the new tree.
enum class Change { kAdded, kRemoved, kChanged };

/// "added", "removed" or "changed".
const char* to_string(Change change);

/// One differing value inside a changed block.
struct AttributeChange {
  Change change = Change::kChanged;
  /// Readable path from the block: "memory_size", "environment.variables.FOO",
  /// "vpc_config.subnet_ids[1]", "//.metadata.path"; "" when the block's whole value changed
  /// (a local or a manifest "version"). Keys that hold . [ ] " or spaces are written ["a.b"].
  std::string path;
  std::string pointer;                      ///< the same path as an RFC 6901 JSON pointer: "/vpc_config/subnet_ids/1"
  std::optional<nlohmann::json> old_value;  ///< absent when the attribute was added
  std::optional<nlohmann::json> new_value;  ///< absent when the attribute was removed
};

/// One Terraform block (or manifest entry) that was added, removed or changed.
struct BlockDiff {
  Change change = Change::kChanged;
  /// "resource.<type>.<name>", "data.<type>.<name>", "module.<name>", "output.<name>",
  /// "variable.<name>", "locals.<name>", "provider.<name>" or "provider.<name>.<alias>",
  /// "terraform", "//" (the document's metadata), any other top-level key as it is ("moved");
  /// in manifest.json "stacks.<name>" and "version".
  std::string address;
  /// "resource", "data", "module", "output", "variable", "locals", "provider", "terraform",
  /// "metadata" for "//", "manifest" for every block of manifest.json, else the top-level key.
  std::string kind;
  /// For a changed block, every differing path: sorted by path, array indices numerically,
  /// "//" metadata last. Empty for added and removed blocks.
  std::vector<AttributeChange> attributes;
};

/// One output file that was added, removed or changed.
struct FileDiff {
  Change change = Change::kChanged;
  std::string path;  ///< relative to the output directory: "stacks/hello/cdk.tf.json"
  /// Why `blocks` cannot say what changed: a side that is not a JSON object ("the old file is
  /// not valid JSON: ..."), or the same JSON written with other bytes. Empty otherwise.
  std::string note;
  /// Every block of an added or removed file; the differing blocks of a changed one. Ordered
  /// by block_kind_rank(), then address.
  std::vector<BlockDiff> blocks;
};

/// One stack whose files differ. A stack is added when the old tree has none of its files and
/// removed when the new tree has none.
struct StackDiff {
  Change change = Change::kChanged;
  std::string name;
  std::vector<FileDiff> files;  ///< cdk.tf.json first, then the modules' files by path
};

/// Everything that differs. Empty when the trees are byte-for-byte identical.
struct OutputDiff {
  std::vector<StackDiff> stacks;  ///< by name
  std::vector<FileDiff> files;    ///< files outside stacks/<name>/, i.e. manifest.json
  bool empty() const { return stacks.empty() && files.empty(); }
};

struct DiffOptions {
  /// Compare only these stacks' files and their manifest entries (not the manifest's
  /// "version"); empty = everything.
  std::vector<std::string> stacks;
};

/// Compares two output trees. Never throws for what a tree holds: a file that is not a JSON
/// object is reported as a differing file with a note.
OutputDiff diff_outputs(const OutputTree& old_tree, const OutputTree& new_tree, const DiffOptions& options = {});

/// The order of block kinds in a file's listing and in summaries: resource, data, module,
/// output, variable, locals, provider, terraform, manifest, any other kind, metadata last.
int block_kind_rank(std::string_view kind);

}  // namespace lcsynth
