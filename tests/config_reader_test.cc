// ConfigReader: typed getters, fallbacks, type and range messages, unknown keys, list and map
// paths, validator hooks, the secret scan, and one ConfigError listing every problem.

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>

#include "lcsynth/config.h"
#include "lcsynth/config_reader.h"
#include "lcsynth/errors.h"

using lcsynth::Config;
using lcsynth::ConfigError;
using lcsynth::ConfigObject;
using lcsynth::ConfigReader;
using nlohmann::json;

namespace {
Config doc(const char* text, std::string source = "examples/librechat/dev.json") {
  return lcsynth::parse_config(text, std::move(source));
}

// Runs `read` on a fresh reader over `config` and returns the ConfigError text, or
// "<no error>".
std::string problems_of(const Config& config, const std::function<void(ConfigReader&)>& read) {
  ConfigReader reader(config);
  read(reader);
  try {
    reader.finish();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "<no error>";
}

size_t line_count(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1; }
}  // namespace

TEST_CASE("typed getters return the values written in the document", "[config_reader]") {
  Config c = doc(R"({"name": "api", "size": 2048, "on": false, "ids": ["a", "b"], "tags": {"k": "v"},
                     "nested": {"inner": "x"}, "mode": "s3"})");
  ConfigReader reader(c);
  ConfigObject root = reader.root();
  CHECK(root.string("name", "fallback") == "api");
  CHECK(root.integer("size", 1, 128, 10240) == 2048);
  CHECK(root.boolean("on", true) == false);
  CHECK(root.strings("ids", {}) == std::vector<std::string>{"a", "b"});
  CHECK(root.string_map("tags", {}) == std::map<std::string, std::string>{{"k", "v"}});
  CHECK(root.object("nested").string("inner", "") == "x");
  CHECK(root.choice("mode", "local", {"local", "s3"}) == "s3");
  CHECK_NOTHROW(reader.finish());
}

TEST_CASE("absent keys give the fallbacks without any problem", "[config_reader]") {
  Config c = doc("{}");
  ConfigReader reader(c);
  ConfigObject root = reader.root();
  CHECK(root.string("name", "fallback") == "fallback");
  CHECK_FALSE(root.optional_string("image_uri").has_value());
  CHECK(root.integer("size", 1024, 128, 10240) == 1024);
  CHECK(root.boolean("on", true) == true);
  CHECK(root.strings("ids", {"x"}) == std::vector<std::string>{"x"});
  ConfigObject nested = root.object("nested");
  CHECK_FALSE(nested.present());
  CHECK(nested.path() == "nested");
  CHECK(nested.string("inner", "d") == "d");
  CHECK(reader.problems().empty());
  CHECK_NOTHROW(reader.finish());
}

TEST_CASE("a value of the wrong type is described briefly in the message", "[config_reader]") {
  struct Case {
    const char* value;
    const char* found;
  };
  auto [value, found] = GENERATE(values<Case>({
      {"3", "number 3"},
      {"2.5", "number 2.5"},
      {"true", "boolean true"},
      {"null", "null"},
      {"[1]", "an array"},
      {"[]", "an empty array"},
      {R"({"a": 1})", "an object"},
  }));
  CAPTURE(value);
  Config c = doc(("{\"name\": " + std::string(value) + "}").c_str());
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().string("name", ""); }) ==
        std::string("examples/librechat/dev.json: name: expected a string, found ") + found);
}

TEST_CASE("a string in a message is quoted, escaped and cut after 40 characters", "[config_reader]") {
  CHECK(lcsynth::quote_value("abc") == "\"abc\"");
  CHECK(lcsynth::quote_value("say \"hi\"\n") == R"("say \"hi\"\n")");
  CHECK(lcsynth::quote_value(std::string(40, 'a')) == "\"" + std::string(40, 'a') + "\"");
  CHECK(lcsynth::quote_value(std::string(41, 'a')) == "\"" + std::string(40, 'a') + "...\"");
  // 41 two-byte characters: the cut falls between characters, not inside one.
  std::string accents;
  for (int i = 0; i < 41; ++i) accents += "é";
  CHECK(lcsynth::quote_value(accents) == "\"" + accents.substr(0, 80) + "...\"");
  CHECK(lcsynth::describe_value(json("abc")) == "\"abc\"");
}

TEST_CASE("key paths join with dots, index arrays and quote unusual keys", "[config_reader]") {
  CHECK(lcsynth::child_path("", "lambda") == "lambda");
  CHECK(lcsynth::child_path("lambda", "memory_size") == "lambda.memory_size");
  CHECK(lcsynth::item_path("private_subnet_ids", 1) == "private_subnet_ids[1]");
  CHECK(lcsynth::child_path("tags", "Cost Center") == R"(tags["Cost Center"])");
  CHECK(lcsynth::child_path("tags", "aws:x") == R"(tags["aws:x"])");
  CHECK(lcsynth::child_path("", "") == R"([""])");
}

TEST_CASE("an integer out of range names the range and the value found", "[config_reader]") {
  Config c = doc(R"({"lambda": {"memory_size": 64}})");
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().object("lambda").integer("memory_size", 1024, 128, 10240); }) ==
        "examples/librechat/dev.json: lambda.memory_size: expected an integer from 128 to 10240, found 64");
}

TEST_CASE("an integer getter refuses fractions, strings and huge numbers", "[config_reader]") {
  auto [value, found] = GENERATE(table<const char*, const char*>({
      {"1024.5", "number 1024.5"},
      {"\"2048\"", "\"2048\""},
  }));
  Config c = doc(("{\"timeout\": " + std::string(value) + "}").c_str());
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().integer("timeout", 900, 1, 900); }) ==
        std::string("examples/librechat/dev.json: timeout: expected an integer from 1 to 900, found ") + found);
  Config huge = doc(R"({"timeout": 18446744073709551615})");
  CHECK(problems_of(huge, [](ConfigReader& r) { r.root().integer("timeout", 900, 1, 900); }) ==
        "examples/librechat/dev.json: timeout: expected an integer from 1 to 900, found 18446744073709551615");
}

TEST_CASE("a boolean must be true or false", "[config_reader]") {
  Config c = doc(R"({"backend": {"encrypt": "yes"}})");
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().object("backend").boolean("encrypt", true); }) ==
        "examples/librechat/dev.json: backend.encrypt: expected true or false, found \"yes\"");
}

TEST_CASE("a missing required key is reported with what was expected", "[config_reader]") {
  Config c = doc(R"({"backend": {}})");
  CHECK(problems_of(c, [](ConfigReader& r) {
          ConfigObject root = r.root();
          root.required_string("account_id");
          root.required_integer("port", 1, 65535);
          root.required_strings("private_subnet_ids", {.non_empty = true});
          root.required_object("backend").required_choice("type", {"local", "s3"});
        }) ==
        "examples/librechat/dev.json: account_id: missing required key: expected a string\n"
        "examples/librechat/dev.json: port: missing required key: expected an integer from 1 to 65535\n"
        "examples/librechat/dev.json: private_subnet_ids: missing required key: expected a non-empty array of strings\n"
        "examples/librechat/dev.json: backend.type: missing required key: expected one of \"local\", \"s3\"");
}

TEST_CASE("a required key inside an absent object is not reported again", "[config_reader]") {
  Config c = doc("{}");
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().object("backend").required_string("bucket"); }) == "<no error>");
}

TEST_CASE("an unknown key gets a did-you-mean when a known key is close", "[config_reader]") {
  Config c = doc(R"({"lambda": {"memroy_size": 2048}, "regoin": "eu-west-1"})");
  CHECK(problems_of(c, [](ConfigReader& r) {
          ConfigObject root = r.root();
          root.string("region", "");
          root.object("lambda").integer("memory_size", 1024, 128, 10240);
        }) ==
        "examples/librechat/dev.json: regoin: unknown key 'regoin' (did you mean 'region'?)\n"
        "examples/librechat/dev.json: lambda.memroy_size: unknown key 'memroy_size' (did you mean 'memory_size'?)");
}

TEST_CASE("an unknown key with nothing close lists the allowed keys", "[config_reader]") {
  Config c = doc(R"({"redis": {"flavour": "big"}})");
  CHECK(problems_of(c, [](ConfigReader& r) {
          ConfigObject redis = r.root().object("redis");
          redis.string("replication_group_id", "");
          redis.string("node_type", "");
          redis.string("engine_version", "");
        }) ==
        "examples/librechat/dev.json: redis.flavour: unknown key 'flavour': expected one of engine_version, node_type, "
        "replication_group_id");
}

TEST_CASE("allow declares a key known without reading it", "[config_reader]") {
  Config c = doc(R"({"bucket": "b"})");
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().allow("bucket"); }) == "<no error>");
  CHECK(problems_of(c, [](ConfigReader&) {}) ==
        "examples/librechat/dev.json: bucket: unknown key 'bucket': this object takes no keys");
}

TEST_CASE("reading the same object twice reports its unknown keys once", "[config_reader]") {
  Config c = doc(R"({"api": {"nmae": "x"}})");
  CHECK(problems_of(c, [](ConfigReader& r) {
          r.root().object("api").string("name", "");
          r.root().object("api").string("stage_name", "");
        }) == "examples/librechat/dev.json: api.nmae: unknown key 'nmae' (did you mean 'name'?)");
}

TEST_CASE("a nested value that is not an object is reported once and reads as absent", "[config_reader]") {
  Config c = doc(R"({"lambda": [1, 2]})");
  ConfigReader reader(c);
  ConfigObject lambda = reader.root().object("lambda");
  CHECK_FALSE(lambda.present());
  CHECK(lambda.integer("memory_size", 1024, 128, 10240) == 1024);
  REQUIRE_THROWS_AS(reader.finish(), ConfigError);
  CHECK(reader.problems() ==
        std::vector<std::string>{"examples/librechat/dev.json: lambda: expected an object, found an array"});
}

TEST_CASE("list items are checked and reported at their index", "[config_reader]") {
  Config c = doc(R"({"private_subnet_ids": ["subnet-0a1b2c3d", 7, "subnet-zz"]})");
  lcsynth::ValueCheck check = [](const std::string& s) {
    return s.rfind("subnet-0", 0) == 0 ? "" : "expected a subnet id, found " + lcsynth::quote_value(s);
  };
  std::vector<std::string> got;
  CHECK(problems_of(c, [&](ConfigReader& r) { got = r.root().strings("private_subnet_ids", {"fallback"}, {.each = check}); }) ==
        "examples/librechat/dev.json: private_subnet_ids[1]: expected a string, found number 7\n"
        "examples/librechat/dev.json: private_subnet_ids[2]: expected a subnet id, found \"subnet-zz\"");
  CHECK(got == std::vector<std::string>{"fallback"});
}

TEST_CASE("a repeated list item is reported at its second index when items must be unique", "[config_reader]") {
  Config c = doc(R"({"ids": ["a", "b", "a"]})");
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().strings("ids", {}, {.unique = true}); }) ==
        "examples/librechat/dev.json: ids[2]: expected each item once, found \"a\" again (first at ids[0])");
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().strings("ids", {}); }) == "<no error>");
}

TEST_CASE("an empty list is refused when the rules ask for items", "[config_reader]") {
  Config c = doc(R"({"ids": []})");
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().required_strings("ids", {.non_empty = true}); }) ==
        "examples/librechat/dev.json: ids: expected a non-empty array of strings, found an empty array");
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().strings("ids", {"x"}); }) == "<no error>");
}

TEST_CASE("map entries are checked by key and value and reported at the entry", "[config_reader]") {
  Config c = doc(R"({"tags": {"Cost Center": 7, "aws:owner": "me", "ok": "fine"}})");
  lcsynth::ValueCheck key = [](const std::string& k) {
    return k.rfind("aws:", 0) == 0 ? "expected a key not starting with \"aws:\", found " + lcsynth::quote_value(k) : "";
  };
  CHECK(problems_of(c, [&](ConfigReader& r) { r.root().string_map("tags", {}, {.key = key}); }) ==
        "examples/librechat/dev.json: tags[\"Cost Center\"]: expected a string, found number 7\n"
        "examples/librechat/dev.json: tags[\"aws:owner\"]: expected a key not starting with \"aws:\", found \"aws:owner\"");
  Config wrong = doc(R"({"tags": ["a"]})");
  CHECK(problems_of(wrong, [](ConfigReader& r) { r.root().string_map("tags", {}); }) ==
        "examples/librechat/dev.json: tags: expected an object whose values are strings, found an array");
}

TEST_CASE("a validator's text is reported after the file and key path", "[config_reader]") {
  Config c = doc(R"({"environment": "Dev"})");
  std::optional<std::string> got = "unset";
  CHECK(problems_of(c, [&](ConfigReader& r) {
          got = r.root().optional_string("environment", [](const std::string& s) {
            return s == "dev" ? "" : "expected lowercase, found " + lcsynth::quote_value(s);
          });
        }) == "examples/librechat/dev.json: environment: expected lowercase, found \"Dev\"");
  CHECK_FALSE(got.has_value());
}

TEST_CASE("a choice outside the allowed values suggests the nearest one", "[config_reader]") {
  Config c = doc(R"({"spa_routing": "fucntion", "type": 3})");
  CHECK(problems_of(c, [](ConfigReader& r) {
          r.root().choice("spa_routing", "function", {"function", "error-responses"});
          r.root().choice("type", "local", {"local", "s3"});
        }) ==
        "examples/librechat/dev.json: spa_routing: expected one of \"function\", \"error-responses\", found \"fucntion\" "
        "(did you mean 'function'?)\n"
        "examples/librechat/dev.json: type: expected one of \"local\", \"s3\", found number 3");
}

TEST_CASE("every problem is reported together in one ConfigError, one per line", "[config_reader]") {
  Config c = doc(R"({"a": 1, "b": "x", "c": true, "extra": 0})");
  std::string text = problems_of(c, [](ConfigReader& r) {
    ConfigObject root = r.root();
    root.string("a", "");
    root.integer("b", 0, 0, 10);
    root.strings("c", {});
    root.required_string("d");
  });
  CHECK(line_count(text) == 5);
  CHECK(text ==
        "examples/librechat/dev.json: a: expected a string, found number 1\n"
        "examples/librechat/dev.json: b: expected an integer from 0 to 10, found \"x\"\n"
        "examples/librechat/dev.json: c: expected an array of strings, found boolean true\n"
        "examples/librechat/dev.json: d: missing required key: expected a string\n"
        "examples/librechat/dev.json: extra: unknown key 'extra': expected one of a, b, c, d");
}

TEST_CASE("report records a problem found across several values", "[config_reader]") {
  Config c = doc(R"({"lambda": {"image_tag": "v1"}})");
  CHECK(problems_of(c, [](ConfigReader& r) {
          ConfigObject lambda = r.root().object("lambda");
          lambda.string("image_tag", "");
          lambda.report("image_tag", "expected one, found two");
        }) == "examples/librechat/dev.json: lambda.image_tag: expected one, found two");
}

TEST_CASE("secret-looking keys with string values are refused anywhere but exempt paths", "[config_reader]") {
  Config c = doc(R"({"tags": {"ApiToken": "t"}, "db": [{"DB-Password": "p"}], "secrets": {"JWT_SECRET": "/x"},
                     "backend": {"kms_key_id": "k", "private-key": "x"}, "token_ttl": 3600})");
  std::string text = problems_of(c, [](ConfigReader& r) {
    r.refuse_secret_values({"secrets", "backend.kms_key_id"});
    for (const char* key : {"tags", "db", "secrets", "backend", "token_ttl"}) r.root().allow(key);
  });
  const std::string why =
      ": looks like a secret; secrets never go in the configuration or the synthesized output: store it in SSM "
      "Parameter Store and list its parameter under \"secrets\"";
  CHECK(text == "examples/librechat/dev.json: backend.private-key" + why + "\n" +  //
                    "examples/librechat/dev.json: db[0].DB-Password" + why + "\n" +  //
                    "examples/librechat/dev.json: tags.ApiToken" + why);
}

TEST_CASE("a top level that is not an object is one problem", "[config_reader]") {
  Config c{json::array(), "x.json"};
  CHECK(problems_of(c, [](ConfigReader& r) { r.root().string("a", ""); }) ==
        "x.json: expected a JSON object at the top level, found an empty array");
}
