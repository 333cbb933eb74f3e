// Tests configuration loading (parse_config, load_config_file) and --set edits (apply_set):
// the documents accepted and the exact error messages for everything rejected.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "lcsynth/config.h"
#include "lcsynth/errors.h"
#include "support/scratch_dir.h"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using lcsynth::Config;
using lcsynth::ConfigError;
using lcsynth::apply_set;
using lcsynth::kMaxConfigDepth;
using lcsynth::load_config_file;
using lcsynth::parse_config;
using lcsynth::test::ScratchDir;
using lcsynth::test::write_text;
using nlohmann::json;

namespace {

// Runs `f`, which must throw ConfigError, and returns the error's message ("<nothing was
// thrown>" if it returns normally). Any other exception escapes and fails the test.
template <class F>
std::string config_error(F&& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "<nothing was thrown>";
}

// `levels` nested objects: {"a":{"a":...{leaf}...}}; the top-level object is level 1.
std::string nested_objects(int levels, const std::string& leaf) {
  std::string text;
  for (int i = 1; i < levels; ++i) text += "{\"a\":";
  text += "{" + leaf + "}";
  for (int i = 1; i < levels; ++i) text += "}";
  return text;
}

Config with_values(json values) { return Config{std::move(values), "<test>"}; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// parse_config / load_config_file

TEST_CASE("a JSON object is parsed into the configuration values with its source name", "[config]") {
  Config c = parse_config(R"({"environment": "prod", "lambda": {"memory_size": 2048}, "zones": ["a", "b"]})", "cfg.json");
  CHECK(c.source == "cfg.json");
  CHECK(c.values == json{{"environment", "prod"}, {"lambda", {{"memory_size", 2048}}}, {"zones", {"a", "b"}}});
}

TEST_CASE("an empty JSON object is a valid configuration", "[config]") {
  Config c = parse_config("{}\n", "empty-object.json");
  CHECK(c.values == json::object());
  CHECK(c.source == "empty-object.json");
}

TEST_CASE("a default configuration is an empty object from <defaults>", "[config]") {
  Config c;
  CHECK(c.values == json::object());
  CHECK(c.source == "<defaults>");
}

TEST_CASE("a syntax error on line 3 reports the source, line 3 and the column of the bad token", "[config]") {
  std::string text =
      "{\n"
      "  \"a\": 1,\n"
      "  \"b\": ]\n"
      "}\n";
  CHECK(config_error([&] { parse_config(text, "cfg.json"); }) ==
        std::string("cfg.json:3:8: invalid JSON: syntax error while parsing value - unexpected ']'; "
                    "expected '[', '{', or a literal"));
}

TEST_CASE("a syntax error on the first line reports line 1 and its column", "[config]") {
  CHECK_THAT(config_error([] { parse_config(R"({"a" 1})", "one.json"); }), StartsWith("one.json:1:6: invalid JSON: "));
}

TEST_CASE("a document cut off at the end reports the position after its last line", "[config]") {
  CHECK_THAT(config_error([] { parse_config("{\n  \"a\": 1,\n", "cut.json"); }),
             StartsWith("cut.json:3:1: invalid JSON: "));
}

// Regression (found by config_fuzz): nlohmann throws out_of_range, not parse_error, for a number
// beyond a double, and it escaped parse_config as an internal error.
TEST_CASE("a number too large for a double is a configuration error naming the source and the number", "[config]") {
  CHECK(config_error([] { parse_config(R"({"a": [1, -5e555]})", "big.json"); }) ==
        std::string("big.json: invalid JSON: number overflow parsing '-5e555': expected a number a double can hold"));
}

TEST_CASE("an empty document is rejected with a message saying the file is empty", "[config]") {
  CHECK(config_error([] { parse_config("", "empty.json"); }) ==
        std::string(R"(empty.json: the file is empty: expected a JSON object such as {"environment": "dev"})"));
}

TEST_CASE("a whitespace-only document is rejected as empty", "[config]") {
  CHECK(config_error([] { parse_config(" \n\t\r\n  ", "blank.json"); }) ==
        std::string(R"(blank.json: the file is empty: expected a JSON object such as {"environment": "dev"})"));
}

TEST_CASE("a top-level array is rejected with its JSON type", "[config]") {
  CHECK(config_error([] { parse_config("[1, 2]", "arr.json"); }) ==
        std::string("arr.json: expected a JSON object at the top level, found array"));
}

TEST_CASE("a top-level string is rejected with its JSON type", "[config]") {
  CHECK(config_error([] { parse_config(R"("dev")", "str.json"); }) ==
        std::string("str.json: expected a JSON object at the top level, found string"));
}

TEST_CASE("nesting exactly kMaxConfigDepth levels deep is accepted", "[config]") {
  SECTION("with a scalar at the innermost level") {
    Config c = parse_config(nested_objects(kMaxConfigDepth, "\"leaf\": 1"), "deep.json");
    const json* at = &c.values;
    for (int i = 1; i < kMaxConfigDepth; ++i) at = &at->at("a");
    CHECK(at->at("leaf") == 1);
  }
  SECTION("with an empty object at the innermost level") {
    CHECK_NOTHROW(parse_config(nested_objects(kMaxConfigDepth, ""), "deep.json"));
  }
}

TEST_CASE("nesting one level deeper than kMaxConfigDepth is rejected", "[config]") {
  const std::string expected = "deep.json: nesting deeper than 64 levels: expected a flat configuration object";
  REQUIRE(kMaxConfigDepth == 64);
  CHECK(config_error([] { parse_config(nested_objects(kMaxConfigDepth + 1, "\"leaf\": 1"), "deep.json"); }) == expected);
  CHECK(config_error([] { parse_config(nested_objects(kMaxConfigDepth + 10, "\"leaf\": 1"), "deep.json"); }) == expected);
}

// Regression (fixed): the depth callback compares nlohmann's depth (the number of *enclosing*
// containers) with kMaxConfigDepth, so an empty innermost container one level too deep passes.
TEST_CASE("nesting one level too deep is rejected even when the innermost object is empty", "[config]") {
  CHECK(config_error([] { parse_config(nested_objects(kMaxConfigDepth + 1, ""), "deep.json"); }) ==
        std::string("deep.json: nesting deeper than 64 levels: expected a flat configuration object"));
}

TEST_CASE("a file is loaded with its path as the source", "[config]") {
  ScratchDir dir;
  auto file = dir.path() / "config.json";
  write_text(file, "{\"environment\": \"staging\"}\n");
  Config c = load_config_file(file);
  CHECK(c.source == file.string());
  CHECK(c.values == json{{"environment", "staging"}});
}

TEST_CASE("an empty file is rejected naming the file", "[config]") {
  ScratchDir dir;
  auto file = dir.path() / "empty.json";
  write_text(file, "");
  CHECK(config_error([&] { load_config_file(file); }) ==
        file.string() + R"(: the file is empty: expected a JSON object such as {"environment": "dev"})");
}

TEST_CASE("a file larger than kMaxConfigBytes is refused with its size before it is read", "[config]") {
  ScratchDir dir;
  auto file = dir.path() / "huge.json";
  write_text(file, "");
  std::filesystem::resize_file(file, lcsynth::kMaxConfigBytes + 1);  // sparse: nothing is written
  CHECK(config_error([&] { load_config_file(file); }) ==
        file.string() + ": 16777217 bytes is larger than the 16777216 bytes a configuration file may have");
}

TEST_CASE("what is not a regular file is read up to kMaxConfigBytes and refused past it", "[config]") {
  // /dev/zero has no size and no end: before, it was read until memory ran out.
  CHECK(config_error([&] { load_config_file("/dev/zero"); }) ==
        "/dev/zero: 16777217 bytes is larger than the 16777216 bytes a configuration file may have");
}

TEST_CASE("a path through a file names the path as missing", "[config]") {
  ScratchDir dir;
  auto file = dir.path() / "plain.json";
  write_text(file, "{}");
  CHECK(config_error([&] { load_config_file(file / "x.json"); }) ==
        (file / "x.json").string() + ": no such file: expected a JSON configuration file");
}

TEST_CASE("a file of exactly kMaxConfigBytes is read", "[config]") {
  ScratchDir dir;
  auto file = dir.path() / "big.json";
  std::string text = "{\"a\": \"\"}";
  text.insert(7, lcsynth::kMaxConfigBytes - text.size(), 'x');
  write_text(file, text);
  CHECK(load_config_file(file).values["a"].get_ref<const std::string&>().size() == lcsynth::kMaxConfigBytes - 9);
}

TEST_CASE("a syntax error in a file names the file, line and column", "[config]") {
  ScratchDir dir;
  auto file = dir.path() / "bad.json";
  write_text(file, "{\n  \"a\": 1,\n  \"b\": ]\n}\n");
  CHECK_THAT(config_error([&] { load_config_file(file); }), StartsWith(file.string() + ":3:8: invalid JSON: "));
}

TEST_CASE("invalid UTF-8 inside a string is a ConfigError naming the file and position", "[config]") {
  ScratchDir dir;
  auto file = dir.path() / "latin1.json";
  write_text(file, "{\"name\": \"caf\xe9\"}\n");  // Latin-1 e-acute: not UTF-8
  std::string message = config_error([&] { load_config_file(file); });
  CHECK_THAT(message, StartsWith(file.string() + ":1:"));
  CHECK_THAT(message, Contains("invalid JSON: "));
  CHECK_THAT(message, Contains("UTF-8"));
}

TEST_CASE("loading a missing file names the path", "[config]") {
  ScratchDir dir;
  auto file = dir.path() / "missing.json";
  CHECK(config_error([&] { load_config_file(file); }) == file.string() + ": no such file: expected a JSON configuration file");
}

TEST_CASE("loading a directory names the path", "[config]") {
  ScratchDir dir;
  CHECK(config_error([&] { load_config_file(dir.path()); }) ==
        dir.path().string() + ": is a directory: expected a JSON configuration file");
}

// ---------------------------------------------------------------------------------------------
// apply_set

TEST_CASE("a dotted key creates the missing objects and a number value is parsed as JSON", "[config]") {
  Config c;
  apply_set(c, "a.b.c=1");
  CHECK(c.values == json{{"a", {{"b", {{"c", 1}}}}}});
  CHECK(c.values["a"]["b"]["c"].is_number_integer());
}

TEST_CASE("a dotted key keeps the existing siblings of the objects it walks through", "[config]") {
  Config c = with_values({{"lambda", {{"memory_size", 128}, {"timeout", 3}}}});
  apply_set(c, "lambda.memory_size=2048");
  CHECK(c.values == json{{"lambda", {{"memory_size", 2048}, {"timeout", 3}}}});
}

TEST_CASE("a value that is not JSON is kept as a string", "[config]") {
  Config c;
  apply_set(c, "name=hello");
  CHECK(c.values["name"] == "hello");
  CHECK(c.values["name"].is_string());
}

TEST_CASE("a JSON array value is parsed as an array", "[config]") {
  Config c;
  apply_set(c, "x=[1,2]");
  CHECK(c.values["x"] == json::array({1, 2}));
}

TEST_CASE("a quoted JSON string value loses its quotes", "[config]") {
  Config c;
  apply_set(c, "x=\"quoted\"");
  CHECK(c.values["x"] == "quoted");
}

TEST_CASE("JSON literals true and null are parsed, not kept as strings", "[config]") {
  Config c;
  apply_set(c, "flag=true");
  apply_set(c, "nothing=null");
  CHECK(c.values["flag"] == true);
  CHECK(c.values["nothing"].is_null());
}

TEST_CASE("a value containing '=' keeps everything after the first '='", "[config]") {
  Config c;
  apply_set(c, "k=a=b");
  CHECK(c.values == json{{"k", "a=b"}});
}

TEST_CASE("an empty value is kept as an empty string", "[config]") {
  Config c;
  apply_set(c, "k=");
  CHECK(c.values == json{{"k", ""}});
}

TEST_CASE("a numeric step indexes into an existing array", "[config]") {
  Config c = with_values({{"list", {10, 20, 30}}});
  apply_set(c, "list.1=5");
  CHECK(c.values["list"] == json::array({10, 5, 30}));
}

TEST_CASE("a numeric step can walk through an array element into an object", "[config]") {
  Config c = with_values({{"subnets", json::array({json{{"cidr", "10.0.0.0/24"}}})}});
  apply_set(c, "subnets.0.cidr=10.1.0.0/24");
  CHECK(c.values["subnets"][0]["cidr"] == "10.1.0.0/24");
}

TEST_CASE("a numeric step on an object is an ordinary key", "[config]") {
  Config c;
  apply_set(c, "zones.0=a");
  CHECK(c.values == json{{"zones", {{"0", "a"}}}});
}

TEST_CASE("an index past the end of an array is rejected with the array's size", "[config]") {
  Config c = with_values({{"list", {10, 20, 30}}});
  CHECK(config_error([&] { apply_set(c, "list.3=5"); }) == std::string("--set 'list.3=5': index 3 is past the end of 'list' (3 items)"));
  CHECK(c.values["list"] == json::array({10, 20, 30}));
}

// Regression (fixed): std::stoul throws std::out_of_range (not ConfigError) for an index too large
// for unsigned long, which the CLI reports as an internal error (exit 3).
TEST_CASE("an index too large for a number is rejected as past the end, not an internal error", "[config]") {
  Config c = with_values({{"list", {10, 20, 30}}});
  CHECK(config_error([&] { apply_set(c, "list.99999999999999999999=5"); }) ==
        std::string("--set 'list.99999999999999999999=5': index 99999999999999999999 is past the end of 'list' (3 items)"));
}

// A value that is neither JSON nor UTF-8 would otherwise be kept as a string and fail later,
// at serialization, as an internal error. The message names the key, not the broken bytes.
TEST_CASE("a --set value that is not valid UTF-8 is rejected naming the assignment", "[config]") {
  Config c;
  std::string message = config_error([&] { apply_set(c, "environment=caf\xe9"); });
  CHECK(message == "--set 'environment': the value is not valid UTF-8");
}

// Found with the bad-input battery: a key that is not UTF-8 was accepted, and writing the
// synthesized document then failed as an internal error.
TEST_CASE("a --set key that is not valid UTF-8 is rejected without quoting it", "[config]") {
  Config c;
  CHECK(config_error([&] { apply_set(c, "tags.caf\xe9=1"); }) ==
        std::string("--set: the key is not valid UTF-8: expected a dotted path such as lambda.memory_size"));
  CHECK(c.values == json::object());
}

TEST_CASE("stepping into a string is rejected naming the path walked and its type", "[config]") {
  Config c = with_values({{"name", "x"}});
  CHECK(config_error([&] { apply_set(c, "name.first=1"); }) == std::string("--set 'name.first=1': 'name' is string, not an object"));
  CHECK(c.values == json{{"name", "x"}});
}

TEST_CASE("stepping into a nested number is rejected naming the whole dotted path", "[config]") {
  Config c = with_values({{"lambda", {{"memory_size", 128}}}});
  CHECK(config_error([&] { apply_set(c, "lambda.memory_size.max=1"); }) ==
        std::string("--set 'lambda.memory_size.max=1': 'lambda.memory_size' is number, not an object"));
}

TEST_CASE("a non-numeric step into an array is rejected", "[config]") {
  Config c = with_values({{"list", {1}}});
  CHECK(config_error([&] { apply_set(c, "list.first=1"); }) == std::string("--set 'list.first=1': 'list' is array, not an object"));
}

TEST_CASE("an assignment without '=' is rejected with the expected form", "[config]") {
  Config c;
  CHECK(config_error([&] { apply_set(c, "environment"); }) ==
        std::string("--set 'environment': expected KEY=VALUE with KEY a dotted path such as lambda.memory_size=2048"));
}

TEST_CASE("an assignment with an empty key is rejected with the expected form", "[config]") {
  Config c;
  CHECK(config_error([&] { apply_set(c, "=5"); }) ==
        std::string("--set '=5': expected KEY=VALUE with KEY a dotted path such as lambda.memory_size=2048"));
}

TEST_CASE("a key with an empty step is rejected with the expected form", "[config]") {
  Config c;
  const char* cases[] = {".a=1", "a.=1", "a..b=1"};
  for (const char* assignment : cases) {
    CAPTURE(assignment);
    CHECK(config_error([&] { apply_set(c, assignment); }) ==
          "--set '" + std::string(assignment) + "': expected KEY=VALUE with KEY a dotted path such as lambda.memory_size=2048");
  }
  CHECK(c.values == json::object());
}
