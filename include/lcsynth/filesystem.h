#pragma once
// The filesystem operations the writer needs, behind an interface so tests can inject faults
// (a full disk, a failing rename) and check that earlier output survives.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lcsynth {

/// Every method throws WriteError (with the path and the system's reason) on failure, except
/// remove_all, which is best-effort.
class FileSystem {
 public:
  /// Held while a directory is locked against concurrent writers; unlocks when destroyed.
  class Lock {
   public:
    virtual ~Lock() = default;
  };

  virtual ~FileSystem() = default;
  virtual bool exists(const std::filesystem::path& p) = 0;
  virtual bool is_directory(const std::filesystem::path& p) = 0;
  virtual std::vector<std::filesystem::path> list(const std::filesystem::path& dir) = 0;
  virtual std::string read_file(const std::filesystem::path& p) = 0;
  virtual void create_directories(const std::filesystem::path& p) = 0;
  /// Makes one directory whose parent exists (nothing when it exists already). The default
  /// calls create_directories(), so a test double that overrides only that sees every call.
  virtual void create_directory(const std::filesystem::path& p);
  /// Writes the whole file. It reaches the disk at the latest with the next sync().
  virtual void write_file(const std::filesystem::path& p, std::string_view contents) = 0;
  /// Receives a file's contents, one piece per call, in order.
  using PieceWriter = std::function<void(std::string_view piece)>;
  /// Writes the whole file from pieces: `produce` is called once and hands every piece to the
  /// PieceWriter it is given, for contents too large to hold in memory at once. An exception
  /// from `produce` propagates (the file is then incomplete). The default joins the pieces and
  /// calls write_file(), so a test double that overrides only write_file() sees every write.
  virtual void write_file_in_pieces(const std::filesystem::path& p, const std::function<void(const PieceWriter&)>& produce);
  /// Makes everything written so far under `dir` durable (its files' contents and the
  /// directory entries), so a rename done afterwards can never expose unwritten data after a
  /// crash. The default does nothing, for filesystems without a disk (test doubles).
  virtual void sync(const std::filesystem::path& dir);
  virtual void rename(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
  /// Atomically swaps two existing paths (Linux renameat2 RENAME_EXCHANGE).
  virtual void exchange(const std::filesystem::path& a, const std::filesystem::path& b) = 0;
  /// Recreates `from` at `to` with hard links (copies where links are impossible), keeping symlinks.
  virtual void link_tree(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
  virtual void remove_all(const std::filesystem::path& p) noexcept = 0;
  /// Exclusive advisory lock on a directory (flock); blocks until it is free.
  virtual std::unique_ptr<Lock> lock_directory(const std::filesystem::path& dir) = 0;
};

/// The machine's filesystem.
class RealFileSystem : public FileSystem {
 public:
  /// Whether sync() flushes to disk. Off by default: the output is a build artefact that a
  /// synth recreates, and the staging swap already keeps every reader and every crashed process
  /// from seeing half an output. On, an output that survives a power failure costs one
  /// syncfs(2) per write, 10-20 ms on an idle disk and more while other processes write.
  explicit RealFileSystem(bool durable = false) : durable_(durable) {}
  bool exists(const std::filesystem::path& p) override;
  bool is_directory(const std::filesystem::path& p) override;
  std::vector<std::filesystem::path> list(const std::filesystem::path& dir) override;
  std::string read_file(const std::filesystem::path& p) override;
  void create_directories(const std::filesystem::path& p) override;
  /// One mkdir, where create_directories() first looks at the path and its ancestors.
  void create_directory(const std::filesystem::path& p) override;
  void write_file(const std::filesystem::path& p, std::string_view contents) override;
  /// Writes each piece as it comes: the file is opened once and the pieces are not joined.
  void write_file_in_pieces(const std::filesystem::path& p, const std::function<void(const PieceWriter&)>& produce) override;
  /// When durable: syncfs(2) of the filesystem holding `dir`, one flush for all the files,
  /// where an fsync per file would cost one journal commit each. Otherwise nothing.
  void sync(const std::filesystem::path& dir) override;
  void rename(const std::filesystem::path& from, const std::filesystem::path& to) override;
  void exchange(const std::filesystem::path& a, const std::filesystem::path& b) override;
  void link_tree(const std::filesystem::path& from, const std::filesystem::path& to) override;
  void remove_all(const std::filesystem::path& p) noexcept override;
  std::unique_ptr<Lock> lock_directory(const std::filesystem::path& dir) override;

 private:
  bool durable_;
};

}  // namespace lcsynth
