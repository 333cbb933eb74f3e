// Atomic output: stage beside the target, carry over Terraform's own files, sync the staging
// tree, swap it in with one rename(2)/renameat2(2), then delete the old tree. Any failure
// before the swap removes the staging directory and leaves the old output as it was.
//
// Crash safety: readers and crashed processes only ever see the old or the complete new output.
// Surviving a power failure too needs the files on disk before the swap: FileSystem::sync() is
// the point for that (RealFileSystem flushes there when built durable, one syncfs for all the
// files; the CLI does not ask for it, see filesystem.h).

#include "lcsynth/writer.h"

#include <unistd.h>

#include <atomic>
#include <map>
#include <set>

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth {

namespace fs = std::filesystem;

namespace {
// Files lcsynth generates; everything else in an old output belongs to the user or Terraform.
bool generated(const fs::path& relative) {
  std::string first = relative.begin()->string();
  if (relative == "manifest.json") return true;
  if (first != "stacks") return false;
  auto it = relative.begin();
  if (++it == relative.end() || ++it == relative.end()) return false;  // "stacks" or "stacks/<s>"
  return *it == "cdk.tf.json" || *it == "modules";
}

void carry_over(FileSystem& fs, const fs::path& old_root, const fs::path& dir, const fs::path& staging) {
  for (const fs::path& entry : fs.list(dir)) {
    fs::path rel = entry.lexically_relative(old_root);
    if (generated(rel)) continue;
    bool container = rel == "stacks" || (rel.begin()->string() == "stacks" && std::distance(rel.begin(), rel.end()) == 2);
    if (container && fs.is_directory(entry)) {
      fs.create_directories(staging / rel);
      carry_over(fs, old_root, entry, staging);
    } else if (!fs.exists(staging / rel)) {
      fs.link_tree(entry, staging / rel);
    }
  }
}

std::atomic<unsigned> staging_counter{0};
}  // namespace

WriteSummary write_assembly(const Assembly& assembly, const fs::path& out, FileSystem& fs) {
  fs::path target = out.lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  std::error_code ec;
  bool is_root = !target.empty() && target == target.root_path();
  bool is_cwd = std::filesystem::exists(target, ec) && std::filesystem::equivalent(target, ".", ec);
  if (target.empty() || is_root || is_cwd || target.filename() == "." || target.filename() == "..")
    throw WriteError(fmt::format("refusing to use '{}' as the output directory: name a directory of its own", out.string()));
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (fs.exists(target) && !fs.is_directory(target))
    throw WriteError(fmt::format("output path '{}' exists and is not a directory", target.string()));
  fs.create_directories(parent);
  auto lock = fs.lock_directory(parent);

  fs::path staging = parent / fmt::format(".{}.lcsynth-staging-{}-{}", target.filename().string(), ::getpid(), staging_counter++);
  WriteSummary written;
  try {
    fs.create_directories(staging);
    // One file serialized at a time (in path order, like Assembly::files()), so the output text
    // is never all in memory; each directory is created once.
    std::map<std::string, const nlohmann::json*> documents{{"manifest.json", &assembly.manifest}};
    for (const auto& s : assembly.stacks)
      for (const auto& [rel, doc] : s.files) documents.emplace(rel, &doc);
    std::set<fs::path> directories{staging};
    for (const auto& [rel, doc] : documents) {
      fs::path file = staging / rel;
      if (directories.insert(file.parent_path()).second) fs.create_directories(file.parent_path());
      std::string text = serialize(*doc);
      fs.write_file(file, text);
      ++written.files;
      written.bytes += text.size();
    }
    bool had_output = fs.exists(target);
    if (had_output) carry_over(fs, target, target, staging);
    fs.sync(staging);
    if (had_output) {
      fs.exchange(staging, target);  // staging now holds the old output
      fs.remove_all(staging);
    } else {
      fs.rename(staging, target);
    }
  } catch (const WriteError& e) {
    fs.remove_all(staging);
    throw WriteError(fmt::format("{}; the previous output in '{}' was left unchanged", e.what(), target.string()));
  }
  return written;
}

}  // namespace lcsynth
