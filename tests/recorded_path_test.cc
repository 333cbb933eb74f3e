// recorded_path: the construct path a rendered block records, read safely from any document.

#include <catch2/catch.hpp>

#include "src/recorded_path.h"

using lcsynth::detail::recorded_path;
using nlohmann::json;

TEST_CASE("a block's recorded construct path is read from its \"//\" metadata", "[recorded_path]") {
  const json body = {{"//", {{"metadata", {{"path", "app/s/bucket"}}}}}, {"bucket", "b"}};
  CHECK(recorded_path(body, "app/s") == "app/s/bucket");
}

TEST_CASE("without a recorded path as a string, the fallback is the path", "[recorded_path]") {
  for (const json& body : {json(nullptr), json("text"), json::array({1}), json::object(), json{{"//", "comment"}},
                           json{{"//", json::object()}}, json{{"//", {{"metadata", "x"}}}}, json{{"//", {{"metadata", json::object()}}}},
                           json{{"//", {{"metadata", {{"path", 7}}}}}}, json{{"//", {{"metadata", {{"path", nullptr}}}}}}}) {
    CAPTURE(body.dump());
    CHECK(recorded_path(body, "app/s") == "app/s");
  }
}

TEST_CASE("a block's whole path joins a module document's relative path to the module's", "[recorded_path]") {
  using lcsynth::detail::block_path;
  const json body = {{"//", {{"metadata", {{"path", "redis/cluster"}}}}}};
  CHECK(block_path(body, "app/s/copy/cache", true) == "app/s/copy/cache/redis/cluster");
  CHECK(block_path(body, "app/s", false) == "redis/cluster");  // the stack's document records whole paths
  CHECK(block_path(json::object(), "app/s/copy/cache", true) == "app/s/copy/cache");
  CHECK(block_path(json{{"//", {{"metadata", {{"path", ""}}}}}}, "app/s/m", true) == "app/s/m");
}
