#pragma once
// A temporary directory removed when the test ends.

#include <filesystem>
#include <map>
#include <string>

namespace lcsynth::test {

class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Reads a whole file ("" when it does not exist).
std::string read_text(const std::filesystem::path& p);
/// Writes a whole file, creating parent directories.
void write_text(const std::filesystem::path& p, const std::string& text);
/// Every regular file under `root`: relative path -> contents.
std::map<std::string, std::string> snapshot_tree(const std::filesystem::path& root);

}  // namespace lcsynth::test
