// The real filesystem: POSIX calls where std::filesystem has no equivalent (syncfs, flock,
// renameat2 with RENAME_EXCHANGE), each failure turned into a WriteError naming the path.

#include "lcsynth/filesystem.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth {

namespace fs = std::filesystem;

namespace {
[[noreturn]] void fail(std::string_view what, const fs::path& p, int err) {
  throw WriteError(fmt::format("cannot {} '{}': {}", what, p.string(), std::strerror(err)));
}
[[noreturn]] void fail(std::string_view what, const fs::path& p, const std::error_code& ec) {
  throw WriteError(fmt::format("cannot {} '{}': {}", what, p.string(), ec.message()));
}

class FdLock : public FileSystem::Lock {
 public:
  explicit FdLock(int fd) : fd_(fd) {}
  ~FdLock() override {
    flock(fd_, LOCK_UN);
    close(fd_);
  }

 private:
  int fd_;
};

// A file opened for writing (created or truncated), closed when destroyed if close() was not
// called; every failure throws WriteError naming it.
class OutFile {
 public:
  explicit OutFile(const fs::path& p) : path_(p), fd_(::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) {
    if (fd_ < 0) fail("create", path_, errno);
  }
  ~OutFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;

  void write(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("write", path_, n < 0 ? errno : EIO);
      data.remove_prefix(static_cast<size_t>(n));
    }
  }
  void close() {
    if (::close(std::exchange(fd_, -1)) != 0) fail("close", path_, errno);
  }

 private:
  const fs::path& path_;
  int fd_;
};
}  // namespace

bool RealFileSystem::exists(const fs::path& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));
}

bool RealFileSystem::is_directory(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

std::vector<fs::path> RealFileSystem::list(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) out.push_back(it->path());
  if (ec) fail("list", dir, ec);
  std::sort(out.begin(), out.end());
  return out;
}

std::string RealFileSystem::read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) fail("read", p, errno);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void RealFileSystem::create_directories(const fs::path& p) {
  std::error_code ec;
  fs::create_directories(p, ec);
  if (ec) fail("create directory", p, ec);
}

void RealFileSystem::create_directory(const fs::path& p) {
  std::error_code ec;
  fs::create_directory(p, ec);
  if (ec) fail("create directory", p, ec);
}

void RealFileSystem::write_file(const fs::path& p, std::string_view contents) {
  OutFile file(p);
  file.write(contents);
  file.close();
}

void FileSystem::write_file_in_pieces(const fs::path& p, const std::function<void(const PieceWriter&)>& produce) {
  std::string contents;
  produce([&contents](std::string_view piece) { contents += piece; });
  write_file(p, contents);
}

void RealFileSystem::write_file_in_pieces(const fs::path& p, const std::function<void(const PieceWriter&)>& produce) {
  OutFile file(p);
  produce([&file](std::string_view piece) { file.write(piece); });
  file.close();
}

void FileSystem::sync(const fs::path& /*dir*/) {}

void FileSystem::create_directory(const fs::path& p) { create_directories(p); }

void RealFileSystem::sync(const fs::path& dir) {
  if (!durable_) return;
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("open directory", dir, errno);
  if (::syncfs(fd) != 0) {  // since Linux 5.8 this also reports earlier writeback errors
    int err = errno;
    ::close(fd);
    fail("flush", dir, err);
  }
  ::close(fd);
}

void RealFileSystem::rename(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) fail("rename to '" + to.string() + "'", from, errno);
}

void RealFileSystem::exchange(const fs::path& a, const fs::path& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0)
    fail("exchange with '" + b.string() + "'", a, errno);
}

void RealFileSystem::link_tree(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::create_hard_links | fs::copy_options::copy_symlinks, ec);
  if (ec) {  // e.g. a filesystem without hard links: fall back to a plain copy
    fs::remove_all(to, ec);
    ec.clear();
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
    if (ec) fail("carry over", from, ec);
  }
}

void RealFileSystem::remove_all(const fs::path& p) noexcept {
  std::error_code ec;
  fs::remove_all(p, ec);
}

std::unique_ptr<FileSystem::Lock> RealFileSystem::lock_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("open directory", dir, errno);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int err = errno;
    ::close(fd);
    fail("lock", dir, err);
  }
  return std::make_unique<FdLock>(fd);
}

}  // namespace lcsynth
