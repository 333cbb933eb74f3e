// Tests write_assembly: exact output bytes, atomic replacement under injected faults (a full
// disk, a failing rename or exchange), and carrying over the files Terraform keeps.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "lcsynth/app.h"
#include "lcsynth/errors.h"
#include "lcsynth/filesystem.h"
#include "lcsynth/resource.h"
#include "lcsynth/stack.h"
#include "lcsynth/synthesizer.h"
#include "lcsynth/writer.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using Catch::Matchers::EndsWith;
using lcsynth::Assembly;
using lcsynth::Expr;
using lcsynth::WriteError;
using lcsynth::test::read_text;
using lcsynth::test::ScratchDir;
using lcsynth::test::snapshot_tree;
using lcsynth::test::write_text;

namespace {

// A one-stack assembly ("s" with one null_resource); `version` changes the stack's document.
Assembly tiny_assembly(const std::string& version) {
  lcsynth::App app;
  auto& stack = app.add<lcsynth::Stack>("s");
  stack.add<lcsynth::Resource>("thing", "null_resource", lcsynth::Arguments{{"triggers", Expr::map({{"version", version}})}});
  return lcsynth::synthesize(app);
}

// The real filesystem with faults on demand: a disk that fills up after a number of files, and
// renames or exchanges that fail.
class FaultyFileSystem : public lcsynth::RealFileSystem {
 public:
  int writes_before_full = -1;  ///< successful write_file calls before the disk is full; -1 = never
  bool fail_exchange = false;
  bool fail_rename = false;
  bool fail_sync = false;
  int writes = 0;
  int exchanges = 0;
  std::vector<std::string> calls;  ///< "write <file name>", "sync", "exchange", "rename", in order

  void write_file(const fs::path& p, std::string_view contents) override {
    if (writes_before_full >= 0 && writes >= writes_before_full) {
      // Like a real full disk: part of the file reaches the disk before the write fails.
      RealFileSystem::write_file(p, contents.substr(0, contents.size() / 2));
      throw WriteError("cannot write '" + p.string() + "': No space left on device");
    }
    RealFileSystem::write_file(p, contents);
    ++writes;
    calls.push_back("write " + p.filename().string());
  }
  // Whole files, through write_file() above, so its faults apply to documents written in pieces too.
  void write_file_in_pieces(const fs::path& p, const std::function<void(const PieceWriter&)>& produce) override {
    FileSystem::write_file_in_pieces(p, produce);
  }
  void sync(const fs::path& dir) override {
    calls.push_back("sync");
    if (fail_sync) throw WriteError("cannot flush '" + dir.string() + "': Input/output error");
    RealFileSystem::sync(dir);
  }
  void exchange(const fs::path& a, const fs::path& b) override {
    ++exchanges;
    calls.push_back("exchange");
    if (fail_exchange) throw WriteError("cannot exchange with '" + b.string() + "' '" + a.string() + "': Invalid argument");
    RealFileSystem::exchange(a, b);
  }
  void rename(const fs::path& from, const fs::path& to) override {
    calls.push_back("rename");
    if (fail_rename) throw WriteError("cannot rename to '" + to.string() + "' '" + from.string() + "': Permission denied");
    RealFileSystem::rename(from, to);
  }
};

// A filesystem that must not be changed: every modifying call throws. For paths that must be
// refused before anything is touched.
class UntouchableFileSystem : public lcsynth::RealFileSystem {
 public:
  void create_directories(const fs::path& p) override { refuse("create_directories", p); }
  void create_directory(const fs::path& p) override { refuse("create_directory", p); }
  void write_file(const fs::path& p, std::string_view) override { refuse("write_file", p); }
  void write_file_in_pieces(const fs::path& p, const std::function<void(const PieceWriter&)>&) override {
    refuse("write_file_in_pieces", p);
  }
  void rename(const fs::path& p, const fs::path&) override { refuse("rename", p); }
  void exchange(const fs::path& p, const fs::path&) override { refuse("exchange", p); }
  void link_tree(const fs::path& p, const fs::path&) override { refuse("link_tree", p); }
  void remove_all(const fs::path&) noexcept override {}
  std::unique_ptr<Lock> lock_directory(const fs::path& p) override { refuse("lock_directory", p); }

 private:
  [[noreturn]] static void refuse(const char* op, const fs::path& p) {
    throw WriteError(std::string("test filesystem: unexpected ") + op + " of '" + p.string() + "'");
  }
};

// Names in `dir` (not recursive).
std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

// Runs `f`, which must throw WriteError, and returns its message ("<nothing was thrown>" if it
// returns normally). Any other exception escapes and fails the test.
template <class F>
std::string write_error(F&& f) {
  try {
    f();
  } catch (const WriteError& e) {
    return e.what();
  }
  return "<nothing was thrown>";
}

std::string unchanged_suffix(const fs::path& out) { return "; the previous output in '" + out.string() + "' was left unchanged"; }

// `dir`/out holding a first, good output (tiny_assembly("v1")), written through the real filesystem.
fs::path previous_output(const ScratchDir& dir) {
  fs::path out = dir.path() / "out";
  lcsynth::RealFileSystem real;
  lcsynth::write_assembly(tiny_assembly("v1"), out, real);
  return out;
}

}  // namespace

TEST_CASE("a first write creates the manifest and the stack document with exactly the serialized bytes", "[writer]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  Assembly a = tiny_assembly("v1");
  lcsynth::RealFileSystem real;
  lcsynth::write_assembly(a, out, real);

  CHECK(read_text(out / "manifest.json") == lcsynth::serialize(a.manifest));
  CHECK(read_text(out / "stacks/s/cdk.tf.json") == lcsynth::serialize(a.stack_document("s")));
  CHECK(snapshot_tree(out) == a.files());
  CHECK(a.files().size() == 2);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("a write reports how many files and bytes it wrote", "[writer]") {
  ScratchDir dir;
  Assembly a = tiny_assembly("v1");
  lcsynth::RealFileSystem real;
  lcsynth::WriteSummary written = lcsynth::write_assembly(a, dir.path() / "out", real);
  CHECK(written.files == 2);
  CHECK(written.bytes == lcsynth::serialize(a.manifest).size() + lcsynth::serialize(a.stack_document("s")).size());
}

TEST_CASE("a write creates the missing parent directories of the output", "[writer]") {
  ScratchDir dir;
  fs::path out = dir.path() / "a" / "b" / "out";
  Assembly a = tiny_assembly("v1");
  lcsynth::RealFileSystem real;
  lcsynth::write_assembly(a, out, real);
  CHECK(snapshot_tree(out) == a.files());
}

TEST_CASE("a second write replaces the generated files with the new bytes", "[writer]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  lcsynth::RealFileSystem real;
  lcsynth::write_assembly(tiny_assembly("v1"), out, real);
  Assembly v2 = tiny_assembly("v2");
  lcsynth::write_assembly(v2, out, real);
  CHECK(snapshot_tree(out) == v2.files());
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("a disk that fills up halfway leaves the previous output byte-identical and no staging directory", "[writer]") {
  ScratchDir dir;
  fs::path out = previous_output(dir);
  write_text(out / "stacks/s/terraform.tfstate", "{\"serial\": 7}\n");
  auto before = snapshot_tree(out);
  REQUIRE(before.size() == 3);

  FaultyFileSystem faulty;
  faulty.writes_before_full = 1;  // manifest.json is written, the stack document is not
  std::string message = write_error([&] { lcsynth::write_assembly(tiny_assembly("v2"), out, faulty); });

  CHECK(faulty.writes == 1);
  CHECK(faulty.exchanges == 0);
  CHECK_THAT(message, EndsWith(unchanged_suffix(out)));
  CHECK_THAT(message, Catch::Matchers::StartsWith("cannot write '"));
  CHECK_THAT(message, Catch::Matchers::Contains("cdk.tf.json': No space left on device"));
  CHECK(snapshot_tree(out) == before);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("a disk that is full from the start leaves the previous output byte-identical", "[writer]") {
  ScratchDir dir;
  fs::path out = previous_output(dir);
  auto before = snapshot_tree(out);

  FaultyFileSystem faulty;
  faulty.writes_before_full = 0;
  std::string message = write_error([&] { lcsynth::write_assembly(tiny_assembly("v2"), out, faulty); });
  CHECK_THAT(message, EndsWith(unchanged_suffix(out)));
  CHECK(snapshot_tree(out) == before);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("the writer syncs once, after the last file and before the swap", "[writer]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  FaultyFileSystem faulty;
  lcsynth::write_assembly(tiny_assembly("v1"), out, faulty);
  CHECK(faulty.calls == std::vector<std::string>{"write manifest.json", "write cdk.tf.json", "sync", "rename"});
  faulty.calls.clear();
  lcsynth::write_assembly(tiny_assembly("v2"), out, faulty);
  CHECK(faulty.calls == std::vector<std::string>{"write manifest.json", "write cdk.tf.json", "sync", "exchange"});
}

TEST_CASE("the real filesystem flushes at sync only when built durable", "[writer]") {
  ScratchDir dir;
  fs::path missing = dir.path() / "missing";
  lcsynth::RealFileSystem fast;
  CHECK_NOTHROW(fast.sync(missing));  // nothing to flush, so nothing is even opened
  lcsynth::RealFileSystem durable(true);
  CHECK_THROWS_AS(durable.sync(missing), WriteError);
  CHECK_NOTHROW(durable.sync(dir.path()));
}

TEST_CASE("a failed flush to disk leaves the previous output byte-identical and no staging directory", "[writer]") {
  ScratchDir dir;
  fs::path out = previous_output(dir);
  auto before = snapshot_tree(out);

  FaultyFileSystem faulty;
  faulty.fail_sync = true;
  std::string message = write_error([&] { lcsynth::write_assembly(tiny_assembly("v2"), out, faulty); });
  CHECK(faulty.exchanges == 0);
  CHECK_THAT(message, Catch::Matchers::StartsWith("cannot flush '" + (dir.path() / ".out.lcsynth-staging-").string()));
  CHECK_THAT(message, EndsWith("': Input/output error" + unchanged_suffix(out)));
  CHECK(snapshot_tree(out) == before);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("a failed first write leaves no output directory and no staging directory", "[writer]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  FaultyFileSystem faulty;
  faulty.writes_before_full = 1;
  std::string message = write_error([&] { lcsynth::write_assembly(tiny_assembly("v1"), out, faulty); });
  CHECK_THAT(message, EndsWith(unchanged_suffix(out)));
  CHECK_FALSE(fs::exists(out));
  CHECK(names_in(dir.path()).empty());
}

TEST_CASE("a failing exchange leaves the previous output byte-identical and no staging directory", "[writer]") {
  ScratchDir dir;
  fs::path out = previous_output(dir);
  write_text(out / "stacks/s/.terraform.lock.hcl", "# lock\n");
  auto before = snapshot_tree(out);

  FaultyFileSystem faulty;
  faulty.fail_exchange = true;
  std::string message = write_error([&] { lcsynth::write_assembly(tiny_assembly("v2"), out, faulty); });

  CHECK(faulty.exchanges == 1);
  CHECK_THAT(message, Catch::Matchers::StartsWith("cannot exchange with '" + out.string() + "' '" +
                                                  (dir.path() / ".out.lcsynth-staging-").string()));
  CHECK_THAT(message, EndsWith("': Invalid argument" + unchanged_suffix(out)));
  CHECK(snapshot_tree(out) == before);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("a failing rename on a first write leaves no output and no staging directory", "[writer]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  FaultyFileSystem faulty;
  faulty.fail_rename = true;
  std::string message = write_error([&] { lcsynth::write_assembly(tiny_assembly("v1"), out, faulty); });
  CHECK_THAT(message, EndsWith("': Permission denied" + unchanged_suffix(out)));
  CHECK_FALSE(fs::exists(out));
  CHECK(names_in(dir.path()).empty());
}

TEST_CASE("the staging directory is a hidden sibling of the output named after it", "[writer]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  lcsynth::RealFileSystem real;
  lcsynth::write_assembly(tiny_assembly("v1"), out, real);

  FaultyFileSystem faulty;
  faulty.fail_exchange = true;
  std::string message = write_error([&] { lcsynth::write_assembly(tiny_assembly("v2"), out, faulty); });
  // The exchange names the staging directory; it is in the parent and starts with ".out.lcsynth-staging-".
  auto start = message.find("' '");
  REQUIRE(start != std::string::npos);
  fs::path staging = message.substr(start + 3, message.find("': Invalid") - start - 3);
  CHECK(staging.parent_path() == dir.path());
  CHECK_THAT(staging.filename().string(), Catch::Matchers::StartsWith(".out.lcsynth-staging-"));
  CHECK_FALSE(fs::exists(staging));
}

TEST_CASE("files Terraform and the user keep survive a re-synthesis while stale generated files go", "[writer]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  lcsynth::RealFileSystem real;
  lcsynth::write_assembly(tiny_assembly("v1"), out, real);

  write_text(out / "stacks/s/.terraform/providers/x", "provider binary\n");
  write_text(out / "stacks/s/.terraform.lock.hcl", "# lock file\n");
  write_text(out / "stacks/s/terraform.tfstate", "{\"serial\": 3}\n");
  write_text(out / "NOTES.md", "mine\n");
  write_text(out / "stacks/s/modules/old/main.tf.json", "{\"stale\": true}\n");
  write_text(out / "stacks/s/cdk.tf.json", "{\"stale\": true}\n");
  write_text(out / "stacks/gone/cdk.tf.json", "{\"stale\": true}\n");

  Assembly v2 = tiny_assembly("v2");
  lcsynth::write_assembly(v2, out, real);

  auto expected = v2.files();
  expected["stacks/s/.terraform/providers/x"] = "provider binary\n";
  expected["stacks/s/.terraform.lock.hcl"] = "# lock file\n";
  expected["stacks/s/terraform.tfstate"] = "{\"serial\": 3}\n";
  expected["NOTES.md"] = "mine\n";
  CHECK(snapshot_tree(out) == expected);
  CHECK_FALSE(fs::exists(out / "stacks/s/modules"));
  CHECK(read_text(out / "stacks/s/cdk.tf.json") == lcsynth::serialize(v2.stack_document("s")));
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("an output path that is a regular file is refused and the file is left alone", "[writer]") {
  ScratchDir dir;
  fs::path out = dir.path() / "out";
  write_text(out, "not a directory\n");
  lcsynth::RealFileSystem real;
  CHECK(write_error([&] { lcsynth::write_assembly(tiny_assembly("v1"), out, real); }) ==
        "output path '" + out.string() + "' exists and is not a directory");
  CHECK(read_text(out) == "not a directory\n");
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("the current and parent directories are refused as the output", "[writer]") {
  UntouchableFileSystem untouchable;
  Assembly a = tiny_assembly("v1");
  CHECK(write_error([&] { lcsynth::write_assembly(a, ".", untouchable); }) ==
        std::string("refusing to use '.' as the output directory: name a directory of its own"));
  CHECK(write_error([&] { lcsynth::write_assembly(a, "./", untouchable); }) ==
        std::string("refusing to use './' as the output directory: name a directory of its own"));
  CHECK(write_error([&] { lcsynth::write_assembly(a, "..", untouchable); }) ==
        std::string("refusing to use '..' as the output directory: name a directory of its own"));
  CHECK(write_error([&] { lcsynth::write_assembly(a, "", untouchable); }) ==
        std::string("refusing to use '' as the output directory: name a directory of its own"));
}

// Regression (fixed): "/" normalizes to a target whose filename is empty, which is not refused, so
// the writer goes on to stage in "/" and carry the whole root filesystem over.
TEST_CASE("the root directory is refused as the output", "[writer]") {
  UntouchableFileSystem untouchable;
  Assembly a = tiny_assembly("v1");
  CHECK(write_error([&] { lcsynth::write_assembly(a, "/", untouchable); }) ==
        std::string("refusing to use '/' as the output directory: name a directory of its own"));
}

TEST_CASE("a staged output creates nothing before its first file", "[writer]") {
  ScratchDir dir;
  lcsynth::RealFileSystem real;
  { lcsynth::StagedOutput output(dir.path() / "a" / "out", real); }
  CHECK(names_in(dir.path()).empty());
}

TEST_CASE("a staged output dropped without commit leaves the previous output byte-identical and no staging directory", "[writer]") {
  ScratchDir dir;
  fs::path out = previous_output(dir);
  auto before = snapshot_tree(out);
  {
    lcsynth::RealFileSystem real;
    lcsynth::StagedOutput output(out, real);
    output.write("manifest.json", "{}\n");
    output.add("stacks/s/cdk.tf.json", nlohmann::json{{"changed", true}});
    CHECK(names_in(dir.path()).size() == 2);  // out and the staging directory
  }  // as when synthesis throws after some documents were written
  CHECK(snapshot_tree(out) == before);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("a staged output told what will follow makes the directories at once, and dropped leaves the previous output", "[writer]") {
  ScratchDir dir;
  fs::path out = previous_output(dir);
  auto before = snapshot_tree(out);
  {
    lcsynth::RealFileSystem real;
    lcsynth::StagedOutput output(out, real);
    output.expect({"stacks/s/cdk.tf.json", "stacks/s/modules/a/main.tf.json", "stacks/s/modules/a/modules/b/main.tf.json"});
    std::set<std::string> names = names_in(dir.path());
    REQUIRE(names.size() == 2);  // out and the staging directory
    names.erase("out");
    fs::path staging = dir.path() / *names.begin();
    CHECK(fs::is_directory(staging / "stacks/s/modules/a/modules/b"));
    CHECK(names_in(staging / "stacks/s") == std::set<std::string>{"modules"});  // directories only, no files yet
  }  // as when synthesis throws after validation
  CHECK(snapshot_tree(out) == before);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
}

TEST_CASE("a staged output makes each directory under the staging one once, parents first, one mkdir each", "[writer]") {
  // Records the directories made, relative to the output's parent directory.
  struct Recording : lcsynth::RealFileSystem {
    fs::path base;
    std::vector<std::string> made;
    void create_directories(const fs::path& p) override {
      made.push_back("directories " + p.lexically_relative(base).string());
      RealFileSystem::create_directories(p);
    }
    void create_directory(const fs::path& p) override {
      made.push_back("directory " + p.lexically_relative(base).string());
      RealFileSystem::create_directory(p);
    }
  };
  ScratchDir dir;
  Recording fs;
  fs.base = dir.path();
  lcsynth::StagedOutput output(dir.path() / "out", fs);
  output.expect({"stacks/s/modules/a/modules/b/main.tf.json", "stacks/s/cdk.tf.json", "stacks/t/cdk.tf.json", "manifest.json"});
  output.write("stacks/s/modules/a/main.tf.json", "{}");  // its directory is made already
  output.write("stacks/u/cdk.tf.json", "{}");             // one that was not expected
  REQUIRE(fs.made.size() == 10);
  std::string staging = fs.made[1].substr(std::string("directories ").size());
  CHECK(fs.made[0] == "directories .");  // the output's parent, which may be missing
  CHECK(fs.made[1].rfind("directories .out.lcsynth-staging-", 0) == 0);
  std::vector<std::string> under(fs.made.begin() + 2, fs.made.end());
  for (std::string& m : under) m.replace(m.find(staging), staging.size(), "STAGING");
  CHECK(under == std::vector<std::string>{"directory STAGING/stacks", "directory STAGING/stacks/s", "directory STAGING/stacks/s/modules",
                                          "directory STAGING/stacks/s/modules/a", "directory STAGING/stacks/s/modules/a/modules",
                                          "directory STAGING/stacks/s/modules/a/modules/b", "directory STAGING/stacks/t",
                                          "directory STAGING/stacks/u"});
  output.commit();
  CHECK(read_text(dir.path() / "out/stacks/s/modules/a/main.tf.json") == "{}");
  CHECK(read_text(dir.path() / "out/stacks/u/cdk.tf.json") == "{}");
}

TEST_CASE("a staged output commits the documents a streaming synthesis hands it", "[writer]") {
  ScratchDir dir;
  fs::path out = previous_output(dir);
  lcsynth::App app;
  auto& stack = app.add<lcsynth::Stack>("s");
  stack.add<lcsynth::Resource>("thing", "null_resource", lcsynth::Arguments{{"triggers", Expr::map({{"version", "v2"}})}});
  lcsynth::RealFileSystem real;
  lcsynth::StagedOutput output(out, real);
  lcsynth::synthesize(app, {}, output);
  lcsynth::WriteSummary written = output.commit();
  Assembly v2 = tiny_assembly("v2");
  CHECK(snapshot_tree(out) == v2.files());
  CHECK(written.files == 2);
  CHECK(names_in(dir.path()) == std::set<std::string>{"out"});
  CHECK_THROWS_AS(output.write("x", "y"), std::logic_error);  // used up
}
