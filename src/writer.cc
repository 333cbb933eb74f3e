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
#include <stdexcept>

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

StagedOutput::StagedOutput(const fs::path& out, FileSystem& fs) : fs_(fs) {
  target_ = out.lexically_normal();
  if (target_.filename().empty()) target_ = target_.parent_path();
  std::error_code ec;
  bool is_root = !target_.empty() && target_ == target_.root_path();
  bool is_cwd = std::filesystem::exists(target_, ec) && std::filesystem::equivalent(target_, ".", ec);
  if (target_.empty() || is_root || is_cwd || target_.filename() == "." || target_.filename() == "..")
    throw WriteError(fmt::format("refusing to use '{}' as the output directory: name a directory of its own", out.string()));
  if (fs_.exists(target_) && !fs_.is_directory(target_))
    throw WriteError(fmt::format("output path '{}' exists and is not a directory", target_.string()));
}

StagedOutput::~StagedOutput() {
  if (state_ != State::kStaging) return;
  try {
    fs_.remove_all(staging_);
  } catch (...) {  // a destructor must not throw; the staging directory's name says what it is
  }
}

void StagedOutput::start() {
  fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  fs_.create_directories(parent);
  lock_ = fs_.lock_directory(parent);
  staging_ = parent / fmt::format(".{}.lcsynth-staging-{}-{}", target_.filename().string(), ::getpid(), staging_counter++);
  state_ = State::kStaging;
  fs_.create_directories(staging_);
  directories_.insert("");
}

template <class F>
void StagedOutput::guarded(F&& step) {
  if (state_ == State::kDone) throw std::logic_error("StagedOutput used after commit()");
  try {
    if (state_ == State::kIdle) start();
    step();
  } catch (const WriteError& e) {
    if (state_ == State::kStaging) fs_.remove_all(staging_);
    state_ = State::kDone;
    throw WriteError(fmt::format("{}; the previous output in '{}' was left unchanged", e.what(), target_.string()));
  }
}

// Directories are remembered by their relative text: comparing std::filesystem::path values
// (component by component) cost the writing thread 13 M instructions at N = 100 copies.
// The staging directory is new, so everything under it is made here, parents first: one mkdir
// per directory, where create_directories() also looked at the path and its parent (two stat
// calls, 8,000 at N = 1000 copies).
void StagedOutput::make_directory(const std::string& directory) {
  if (directories_.count(directory) != 0) return;
  size_t slash = directory.rfind('/');
  make_directory(slash == std::string::npos ? std::string() : directory.substr(0, slash));
  fs_.create_directory(staging_ / directory);
  directories_.insert(directory);
}

namespace {
std::string directory_of(const std::string& relative) {
  size_t slash = relative.rfind('/');
  return slash == std::string::npos ? "" : relative.substr(0, slash);
}
}  // namespace

fs::path StagedOutput::staged_file(const std::string& relative) {
  make_directory(directory_of(relative));
  return staging_ / relative;
}

void StagedOutput::write(const std::string& relative, std::string_view text) {
  guarded([&] {
    fs_.write_file(staged_file(relative), text);
    ++written_.files;
    written_.bytes += text.size();
  });
}

// The document's text goes to the file in pieces, never whole: at N = 1000 copies of LibreChat
// the root module's text is 8 MB, and its string (with the slack of its growth) was the last
// 13 MB of the peak.
void StagedOutput::add(const std::string& path, const nlohmann::json& document) {
  guarded([&] {
    size_t bytes = 0;
    fs_.write_file_in_pieces(staged_file(path), [&](const FileSystem::PieceWriter& write) {
      serialize(document, [&](std::string_view piece) {
        bytes += piece.size();
        write(piece);
      });
    });
    ++written_.files;
    written_.bytes += bytes;
  });
}

// A synthesis calls this from the thread that writes, once validation has passed and before the
// first document is checked: the directories' creation (on a disk, about a tenth of a
// millisecond each) then overlaps the rendering.
void StagedOutput::expect(const std::vector<std::string>& paths) {
  guarded([&] {
    for (const std::string& path : paths) make_directory(directory_of(path));
  });
}

WriteSummary StagedOutput::commit() {
  guarded([&] {
    bool had_output = fs_.exists(target_);
    if (had_output) carry_over(fs_, target_, target_, staging_);
    fs_.sync(staging_);
    if (had_output) {
      fs_.exchange(staging_, target_);  // staging now holds the old output
      fs_.remove_all(staging_);
    } else {
      fs_.rename(staging_, target_);
    }
  });
  state_ = State::kDone;
  return written_;
}

WriteSummary write_assembly(const Assembly& assembly, const fs::path& out, FileSystem& fs) {
  StagedOutput output(out, fs);
  // One file serialized at a time (in path order, like Assembly::files()), so the output text
  // is never all in memory.
  std::map<std::string, const nlohmann::json*> documents{{"manifest.json", &assembly.manifest}};
  for (const auto& s : assembly.stacks)
    for (const auto& [rel, doc] : s.files) documents.emplace(rel, &doc);
  for (const auto& [rel, doc] : documents) output.write(rel, serialize(*doc));
  return output.commit();
}

}  // namespace lcsynth
