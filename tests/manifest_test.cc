// Tests reading a manifest back (manifest_stacks, read_manifest_stacks): the stacks of a real
// synthesis, and the exact messages for missing files, bad JSON and malformed entries.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "hello/hello_stack.h"
#include "lcsynth/app.h"
#include "lcsynth/errors.h"
#include "lcsynth/manifest.h"
#include "lcsynth/synthesizer.h"
#include "support/scratch_dir.h"

using lcsynth::manifest_stacks;
using lcsynth::read_manifest_stacks;
using lcsynth::test::ScratchDir;
using lcsynth::test::write_text;
using nlohmann::json;

TEST_CASE("the manifest of a synthesis gives back its stacks", "[manifest]") {
  lcsynth::App app;
  hello::build_hello_stack(app, {});
  auto assembly = lcsynth::synthesize(app);
  auto stacks = manifest_stacks(assembly.manifest, "manifest.json");
  REQUIRE(stacks.size() == 1);
  CHECK(stacks[0].name == "hello");
  CHECK(stacks[0].working_directory == "stacks/hello");
  CHECK(stacks[0].dependencies.empty());
}

TEST_CASE("manifest stacks come in the manifest's order with their dependencies", "[manifest]") {
  json manifest = json::parse(R"({"version": "0.1.0", "stacks": {
      "b": {"workingDirectory": "stacks/b", "dependencies": ["a"]},
      "a": {"workingDirectory": "stacks/a", "dependencies": []}}})");
  auto stacks = manifest_stacks(manifest, "m.json");
  REQUIRE(stacks.size() == 2);
  CHECK(stacks[0].name == "a");
  CHECK(stacks[1].name == "b");
  CHECK(stacks[1].dependencies == std::vector<std::string>{"a"});
}

TEST_CASE("a malformed manifest is a configuration error naming the key path", "[manifest]") {
  auto error_of = [](const std::string& text) {
    try {
      manifest_stacks(json::parse(text), "out/manifest.json");
    } catch (const lcsynth::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of(R"({"version": "1"})") == "out/manifest.json: expected a \"stacks\" object as lcsynth synth writes it, found none");
  CHECK(error_of(R"({"stacks": []})") == "out/manifest.json: expected a \"stacks\" object as lcsynth synth writes it, found array");
  CHECK(error_of(R"({"stacks": {"a": 1}})") == "out/manifest.json: stacks.a: expected an object, found number");
  CHECK(error_of(R"({"stacks": {"a": {"dependencies": []}}})") ==
        "out/manifest.json: stacks.a.workingDirectory: expected a relative path inside the output directory such as \"stacks/a\", found nothing");
  CHECK(error_of(R"({"stacks": {"a": {"workingDirectory": "../elsewhere", "dependencies": []}}})") ==
        "out/manifest.json: stacks.a.workingDirectory: expected a relative path inside the output directory such as \"stacks/a\", found \"../elsewhere\"");
  CHECK(error_of(R"({"stacks": {"a": {"workingDirectory": "/abs", "dependencies": []}}})") ==
        "out/manifest.json: stacks.a.workingDirectory: expected a relative path inside the output directory such as \"stacks/a\", found \"/abs\"");
  CHECK(error_of(R"({"stacks": {"a": {"workingDirectory": "stacks/a"}}})") ==
        "out/manifest.json: stacks.a.dependencies: expected an array of stack names, found nothing");
  CHECK(error_of(R"({"stacks": {"a": {"workingDirectory": "stacks/a", "dependencies": "b"}}})") ==
        "out/manifest.json: stacks.a.dependencies: expected an array of stack names, found string");
  CHECK(error_of(R"({"stacks": {"a": {"workingDirectory": "stacks/a", "dependencies": ["b", 2]}}})") ==
        "out/manifest.json: stacks.a.dependencies.1: expected a stack name, found 2");
}

TEST_CASE("reading a manifest file names the file when it is missing, empty or not JSON", "[manifest]") {
  ScratchDir dir;
  auto path = dir.path() / "manifest.json";
  CHECK_THROWS_WITH(read_manifest_stacks(path), path.string() + ": no such file: expected the manifest.json that synthesis writes");
  write_text(path, "  \n");
  CHECK_THROWS_WITH(read_manifest_stacks(path), path.string() + ": the file is empty: expected the manifest.json that synthesis writes");
  write_text(path, "{\n  \"stacks\": {,\n}\n");
  CHECK_THROWS_AS(read_manifest_stacks(path), lcsynth::ConfigError);
  CHECK_THROWS_WITH(read_manifest_stacks(path), Catch::Matchers::StartsWith(path.string() + ":2:14: invalid JSON"));
  write_text(path, R"({"stacks": {"a": {"workingDirectory": "stacks/a", "dependencies": []}}})");
  auto stacks = read_manifest_stacks(path);
  REQUIRE(stacks.size() == 1);
  CHECK(stacks[0].name == "a");
}
