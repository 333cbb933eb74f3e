#pragma once
// Writes an Assembly to an output directory atomically: either the whole new output is in
// place, or the previous output is exactly as it was.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "lcsynth/filesystem.h"
#include "lcsynth/synthesizer.h"

namespace lcsynth {

/// What write_assembly() wrote.
struct WriteSummary {
  size_t files = 0;  ///< files written (manifest.json included)
  size_t bytes = 0;  ///< their total size
};

/// Writes every file of `assembly` into a staging directory beside `out`, carries over what
/// Terraform keeps in the old output (.terraform/, lock files, local state: everything that is
/// not manifest.json, a cdk.tf.json or a modules/ tree), then swaps the staging directory
/// into place in one atomic rename. Concurrent writers to one `out` are serialized by a lock
/// on its parent directory. Throws WriteError, leaving the previous output untouched.
WriteSummary write_assembly(const Assembly& assembly, const std::filesystem::path& out, FileSystem& fs);

/// The writer behind write_assembly(), one file at a time: files go into a staging directory
/// beside `out` (made, with the lock on `out`'s parent taken, at the first file), and commit()
/// carries over Terraform's files and swaps the staging directory into place. Destroyed without
/// commit() (synthesis failed), it removes the staging directory: the previous output is never
/// touched. As a DocumentSink it serializes each document as synthesize() hands it over, so a
/// streaming synthesis is written without holding the output in memory.
class StagedOutput : public DocumentSink {
 public:
  /// Checks `out` (not ".", "/" or the current directory; a directory if it exists); throws
  /// WriteError. Nothing is created yet.
  StagedOutput(const std::filesystem::path& out, FileSystem& fs);
  ~StagedOutput() override;
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;

  /// Writes one file, `relative` to the output directory. Throws WriteError (the staging
  /// directory is then removed, and the StagedOutput can no longer be used).
  void write(const std::string& relative, std::string_view text);
  void add(const std::string& path, const nlohmann::json& document) override;
  /// Makes the staging directory and the directories of `paths` now.
  void expect(const std::vector<std::string>& paths) override;
  /// Makes what was written the output, atomically; throws WriteError, leaving the previous
  /// output as it was.
  WriteSummary commit();

 private:
  enum class State { kIdle, kStaging, kDone };
  void start();
  // staging_/relative, its directory created once.
  std::filesystem::path staged_file(const std::string& relative);
  // Makes staging_/directory and those of its ancestors not made yet, one mkdir each.
  void make_directory(const std::string& directory);
  template <class F>
  void guarded(F&& step);

  FileSystem& fs_;
  std::filesystem::path target_, staging_;
  std::unique_ptr<FileSystem::Lock> lock_;
  std::unordered_set<std::string> directories_;  // made so far, relative to staging_ ("" for itself)
  WriteSummary written_;
  State state_ = State::kIdle;
};

}  // namespace lcsynth
