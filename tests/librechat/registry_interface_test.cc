// Every registry module input lcsynth sets and every output it reads exists in the pinned
// module version (src/schema/registry_modules/*.json, read from the modules' own
// variables.tf/outputs.tf at their tags).

#include <catch2/catch.hpp>

#include <regex>

#include "librechat/fixture.h"

using lcsynth::test::LibreChat;
using nlohmann::json;

namespace {
json interface_of(const std::string& source) {
  for (const auto& e : std::filesystem::directory_iterator(std::string(LCSYNTH_SOURCE_DIR) + "/src/schema/registry_modules")) {
    json data = json::parse(lcsynth::test::read_text(e.path()));
    if (data["source"] == source) return data;
  }
  FAIL("no interface data for " << source);
  return {};
}
}  // namespace

TEST_CASE("every registry module input set by the stacks is a variable of the pinned version", "[librechat][registry]") {
  auto config = GENERATE(as<std::string>{}, "dev.json", "prod.json");
  auto lc = LibreChat::synth(json::object(), config);
  int calls = 0;
  for (const char* mod : {"frontend", "backend", "api_gateway", "redis"}) {
    const json& doc = lc.module(mod);
    if (!doc.contains("module")) continue;
    for (const auto& [name, call] : doc["module"].items()) {
      json iface = interface_of(call["source"]);
      ++calls;
      for (const auto& [input, value] : call.items()) {
        if (input == "source" || input == "version" || input == "//") continue;
        INFO(mod << "/module." << name << " input " << input << " (" << iface["source"] << " " << iface["version"] << ")");
        CHECK(iface["variables"].contains(input));
      }
    }
  }
  CHECK(calls == 4);
}

TEST_CASE("every registry module output read by the stacks exists in the pinned version", "[librechat][registry]") {
  auto lc = LibreChat::synth();
  std::regex ref(R"(module\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+))");
  int refs = 0;
  for (const char* mod : {"frontend", "backend", "redis"}) {
    const json& doc = lc.module(mod);
    std::string text = doc.dump();
    for (std::sregex_iterator it(text.begin(), text.end(), ref), end; it != end; ++it) {
      std::string call = (*it)[1], output = (*it)[2];
      json iface = interface_of(doc["module"][call]["source"]);
      INFO(mod << ": module." << call << "." << output);
      CHECK(std::find(iface["outputs"].begin(), iface["outputs"].end(), output) != iface["outputs"].end());
      ++refs;
    }
  }
  CHECK(refs >= 10);
}

TEST_CASE("an argument the pinned module does not have would be caught", "[librechat][registry]") {
  // The check above can fail: the spec's own misspelling is not an elasticache 1.10.3 output.
  json iface = interface_of("terraform-aws-modules/elasticache/aws");
  CHECK_FALSE(std::find(iface["outputs"].begin(), iface["outputs"].end(), "primary_endpoint_address") != iface["outputs"].end());
  CHECK(iface["variables"].contains("security_group_rules"));
  CHECK_FALSE(iface["variables"].contains("source_security_group_id"));
}
