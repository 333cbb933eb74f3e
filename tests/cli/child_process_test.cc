// Tests the CLI's child processes (find_program, run_child): PATH lookup, the working
// directory, exit codes, signals as 128 + signal, captured output, and programs that cannot start.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

#include "src/cli/child_process.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using lcsynth::cli::ChildStdout;
using lcsynth::cli::find_program;
using lcsynth::cli::run_child;
using lcsynth::test::ScratchDir;
using lcsynth::test::write_text;

namespace {
fs::path shell() {
  auto sh = find_program("sh", "/usr/bin:/bin");
  REQUIRE(sh);
  return *sh;
}

void write_script(const fs::path& p, const std::string& body, bool executable = true) {
  write_text(p, "#!/bin/sh\n" + body);
  fs::permissions(p, executable ? fs::perms::owner_all : fs::perms::owner_read | fs::perms::owner_write);
}
}  // namespace

TEST_CASE("a program name is found in the first search-path directory that has it executable", "[child_process]") {
  ScratchDir dir;
  write_script(dir.path() / "a" / "tool", "exit 0\n", /*executable=*/false);
  write_script(dir.path() / "b" / "tool", "exit 0\n");
  write_script(dir.path() / "c" / "tool", "exit 0\n");
  std::string search = (dir.path() / "missing").string() + ":" + (dir.path() / "a").string() + ":" + (dir.path() / "b").string() + ":" +
                       (dir.path() / "c").string();
  CHECK(find_program("tool", search) == dir.path() / "b" / "tool");
  CHECK_FALSE(find_program("other", search));
  CHECK_FALSE(find_program("", search));
  CHECK_FALSE(find_program("b", dir.path().string()));  // a directory is not a program
}

TEST_CASE("a program given as a path is made absolute and must be executable", "[child_process]") {
  ScratchDir dir;
  write_script(dir.path() / "bin" / "tool", "exit 0\n");
  write_script(dir.path() / "bin" / "plain", "exit 0\n", /*executable=*/false);
  CHECK(find_program((dir.path() / "bin" / "tool").string(), "") == dir.path() / "bin" / "tool");
  CHECK_FALSE(find_program((dir.path() / "bin" / "plain").string(), ""));
  auto relative = fs::relative(dir.path() / "bin" / "tool");
  REQUIRE(relative.is_relative());
  auto found = find_program("./" + relative.string(), "");
  REQUIRE(found);
  CHECK(found->is_absolute());
  CHECK(fs::equivalent(*found, dir.path() / "bin" / "tool"));
}

TEST_CASE("a child runs in the given directory and its exit status is returned", "[child_process]") {
  ScratchDir dir;
  auto r = run_child(shell(), {"-c", "pwd -P; exit 7"}, dir.path(), ChildStdout::kCapture);
  CHECK(r.exit_code == 7);
  CHECK(r.captured == fs::canonical(dir.path()).string() + "\n");
  CHECK(run_child(shell(), {"-c", "exit 0"}, dir.path(), ChildStdout::kCapture).exit_code == 0);
}

TEST_CASE("captured output keeps every byte, however long", "[child_process]") {
  ScratchDir dir;
  auto r = run_child(shell(), {"-c", "i=0; while [ $i -lt 20000 ]; do echo line-$i; i=$((i+1)); done"}, dir.path(), ChildStdout::kCapture);
  CHECK(r.exit_code == 0);
  CHECK(r.captured.size() > 65536);  // more than a pipe buffer: read while the child writes
  CHECK(r.captured.rfind("line-19999\n") == r.captured.size() - 11);
}

TEST_CASE("a child killed by a signal exits with 128 plus the signal number", "[child_process]") {
  ScratchDir dir;
  CHECK(run_child(shell(), {"-c", "kill -TERM $$"}, dir.path(), ChildStdout::kCapture).exit_code == 128 + 15);
  CHECK(run_child(shell(), {"-c", "kill -KILL $$"}, dir.path(), ChildStdout::kCapture).exit_code == 128 + 9);
}

TEST_CASE("a child whose directory or program is missing cannot start and says why", "[child_process]") {
  ScratchDir dir;
  CHECK_THROWS_AS(run_child(shell(), {"-c", "exit 0"}, dir.path() / "missing"), std::system_error);
  try {
    run_child(dir.path() / "no-such-program", {}, dir.path());
    FAIL("expected std::system_error");
  } catch (const std::system_error& e) {
    CHECK(e.code() == std::errc::no_such_file_or_directory);
  }
}
