// Placeholder removed once real tests land.
#include <catch2/catch.hpp>
#include "lcsynth/lcsynth.h"
TEST_CASE("an app starts unlocked with no stacks", "[app]") {
  lcsynth::App app;
  CHECK_FALSE(app.locked());
  CHECK(app.stacks().empty());
}
