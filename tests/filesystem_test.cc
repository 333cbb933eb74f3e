// RealFileSystem's writes: a file written in pieces holds them joined, and a failure names the
// file and the system's reason (a full disk is /dev/full, where every write fails with ENOSPC).

#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>

#include "lcsynth/errors.h"
#include "lcsynth/filesystem.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using lcsynth::RealFileSystem;
using lcsynth::WriteError;
using lcsynth::test::read_text;
using lcsynth::test::ScratchDir;

TEST_CASE("a file written in pieces holds the pieces joined, replacing what was there", "[filesystem]") {
  ScratchDir dir;
  RealFileSystem files;
  fs::path p = dir.path() / "f.json";
  files.write_file(p, "an older and longer text than the new one");
  files.write_file_in_pieces(p, [](const RealFileSystem::PieceWriter& write) {
    write("{");
    write("");
    write(std::string(100000, 'x'));
    write("}\n");
  });
  CHECK(read_text(p) == "{" + std::string(100000, 'x') + "}\n");
}

TEST_CASE("the default write in pieces joins them and writes the whole file once", "[filesystem]") {
  struct Recording : RealFileSystem {
    std::vector<std::string> whole;
    void write_file(const fs::path& p, std::string_view contents) override {
      whole.emplace_back(contents);
      RealFileSystem::write_file(p, contents);
    }
    void write_file_in_pieces(const fs::path& p, const std::function<void(const PieceWriter&)>& produce) override {
      FileSystem::write_file_in_pieces(p, produce);
    }
  };
  ScratchDir dir;
  Recording files;
  files.write_file_in_pieces(dir.path() / "f", [](const RealFileSystem::PieceWriter& write) {
    write("a");
    write("b");
  });
  CHECK(files.whole == std::vector<std::string>{"ab"});
  CHECK(read_text(dir.path() / "f") == "ab");
}

TEST_CASE("a write in pieces to a full disk fails naming the file and the reason", "[filesystem]") {
  if (!fs::exists("/dev/full")) {
    std::cout << "SKIPPED: no /dev/full on this machine" << std::endl;
    WARN("SKIPPED: no /dev/full on this machine");
    return;
  }
  RealFileSystem files;
  auto write_to_full = [&] {
    files.write_file_in_pieces("/dev/full", [](const RealFileSystem::PieceWriter& write) { write("data"); });
  };
  CHECK_THROWS_MATCHES(write_to_full(), WriteError,
                       Catch::Matchers::Predicate<WriteError>([](const WriteError& e) {
                         std::string m = e.what();
                         return m.find("cannot write '/dev/full'") != std::string::npos &&
                                m.find("No space left on device") != std::string::npos;
                       }, "names /dev/full and ENOSPC"));
  CHECK_THROWS_AS(files.write_file("/dev/full", "data"), WriteError);
}

TEST_CASE("a failure while producing the pieces propagates and leaves what was written", "[filesystem]") {
  ScratchDir dir;
  RealFileSystem files;
  fs::path p = dir.path() / "f";
  CHECK_THROWS_WITH(files.write_file_in_pieces(p, [](const RealFileSystem::PieceWriter& write) {
                      write("first");
                      throw std::runtime_error("renderer failed");
                    }),
                    "renderer failed");
  CHECK(read_text(p) == "first");
}

TEST_CASE("a file that cannot be created is named with the reason", "[filesystem]") {
  ScratchDir dir;
  RealFileSystem files;
  fs::path p = dir.path() / "missing" / "f";
  CHECK_THROWS_WITH(files.write_file_in_pieces(p, [](const RealFileSystem::PieceWriter&) {}),
                    Contains("cannot create '" + p.string() + "'") && Contains("No such file or directory"));
}
