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
