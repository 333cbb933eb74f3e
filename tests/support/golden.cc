// Golden-file comparison with a readable first difference, and the explicit update switch.

#include "support/golden.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <catch2/catch.hpp>

#include "support/scratch_dir.h"

namespace lcsynth::test {

namespace {
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int line = 1;; ++line) {
    bool more_e = static_cast<bool>(std::getline(e, le));
    bool more_a = static_cast<bool>(std::getline(a, la));
    if (!more_e && !more_a) return "identical";
    if (le != la || more_e != more_a)
      return "line " + std::to_string(line) + ":\n  golden:  " + (more_e ? le : "<end>") + "\n  actual:  " + (more_a ? la : "<end>");
  }
}
}  // namespace

void check_golden(const std::string& name, const std::map<std::string, std::string>& files) {
  std::filesystem::path dir = std::filesystem::path(LCSYNTH_SOURCE_DIR) / "tests" / "golden" / name;
  const char* update = std::getenv("LCSYNTH_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::remove_all(dir);
    for (const auto& [rel, text] : files) write_text(dir / rel, text);
    WARN("golden files rewritten in " << dir.string() << "; review them with git diff");
    return;
  }
  auto golden = snapshot_tree(dir);
  INFO("golden directory " << dir.string() << " (regenerate with LCSYNTH_UPDATE_GOLDEN=1 and review the diff)");
  std::vector<std::string> expected_names, actual_names;
  for (const auto& [k, v] : golden) expected_names.push_back(k);
  for (const auto& [k, v] : files) actual_names.push_back(k);
  REQUIRE(actual_names == expected_names);
  for (const auto& [rel, text] : files) {
    INFO(rel << ": first difference at " << first_difference(golden.at(rel), text));
    CHECK(text == golden.at(rel));
  }
}

}  // namespace lcsynth::test
