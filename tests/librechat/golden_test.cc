// Whole-output golden files for both example configurations. Regenerate only with
// LCSYNTH_UPDATE_GOLDEN=1 and review the diff like any other change.

#include <catch2/catch.hpp>

#include "librechat/fixture.h"
#include "support/golden.h"

using lcsynth::test::LibreChat;

TEST_CASE("the librechat stacks for dev.json match their golden files", "[librechat][golden]") {
  auto files = LibreChat::synth().assembly.files();
  REQUIRE(files.size() == 7);  // manifest.json, two stack roots, four local modules
  lcsynth::test::check_golden("librechat-dev", files);
}

TEST_CASE("the librechat stacks for prod.json match their golden files", "[librechat][golden]") {
  auto files = LibreChat::synth(nlohmann::json::object(), "prod.json").assembly.files();
  REQUIRE(files.size() == 7);
  lcsynth::test::check_golden("librechat-prod", files);
}
