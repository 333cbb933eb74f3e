// docs/cli/reference.md is the `--help` of every lcsynth command, as the binary prints it now:
// the reference cannot drift from the flags. Regenerate with LCSYNTH_UPDATE_GOLDEN=1.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/process.h"
#include "support/scratch_dir.h"

namespace fs = std::filesystem;
using lcsynth::test::run_shell;
using lcsynth::test::shell_quote;

namespace {
const char* const kCommands[] = {"synth", "validate", "diff", "list", "graph", "plan", "deploy", "destroy", "output"};

std::string help_of(const std::string& command) {
  auto r = run_shell(shell_quote(LCSYNTH_BIN) + (command.empty() ? "" : " " + command) + " --help");
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string reference() {
  std::string out =
      "# lcsynth command-line reference\n\n"
      "Generated from `lcsynth --help` and `lcsynth <command> --help`; `tests/docs/cli_reference_test.cc`\n"
      "fails when this page differs from what the binary prints (regenerate with\n"
      "`LCSYNTH_UPDATE_GOLDEN=1 ./build/tests/lcsynth_tests \"[docs]\"`). The guides:\n"
      "[diff and synth --check](diff.md), [graph](graph.md), [plan, deploy, destroy, output](terraform.md).\n\n"
      "## lcsynth\n\n```\n" + help_of("") + "```\n";
  for (const char* c : kCommands) out += std::string("\n## lcsynth ") + c + "\n\n```\n" + help_of(c) + "```\n";
  return out;
}
}  // namespace

TEST_CASE("docs/cli/reference.md is the --help of every command", "[docs]") {
  const fs::path page = fs::path(LCSYNTH_SOURCE_DIR) / "docs" / "cli" / "reference.md";
  std::string expected = reference();
  const char* update = std::getenv("LCSYNTH_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    lcsynth::test::write_text(page, expected);
    WARN("docs/cli/reference.md rewritten; review it with git diff");
    return;
  }
  INFO("docs/cli/reference.md is out of date: regenerate with LCSYNTH_UPDATE_GOLDEN=1 and review the diff");
  CHECK(lcsynth::test::read_text(page) == expected);
}
