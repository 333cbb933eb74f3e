// Provider schema data read lazily from text: the same answers as from parsed JSON, a type's
// description parsed only when asked for, strings with brackets and escaped quotes skipped
// correctly, and malformed data refused with what is wrong.

#include <catch2/catch.hpp>

#include "lcsynth/errors.h"
#include "lcsynth/schema.h"

using namespace lcsynth;
using nlohmann::json;

namespace {
// "fake_odd"'s description holds brackets and an escaped quote inside strings; "fake_broken"'s
// is balanced but not JSON.
constexpr const char* kText = R"J({
  "provenance": "a test \"fixture\" with [brackets] and {braces}",
  "provider": {"source": "example/fake", "version": "1.2.3"},
  "all_resource_types": ["fake_bucket", "fake_broken", "fake_odd", "fake_plain"],
  "all_data_source_types": ["fake_zone"],
  "resources": {
    "fake_bucket": {"arguments": {"name": {"type": "string", "required": true}}, "blocks": {}, "attributes": ["arn"]},
    "fake_odd": {"arguments": {"x\"}]": {"type": "string", "required": false}}, "blocks": {}, "attributes": ["a\\"]},
    "fake_broken": {"arguments": {"name": nope}}
  },
  "data_sources": {"fake_zone": {"arguments": {}, "blocks": {}, "attributes": ["zone_id"]}}
})J";

// kText without "fake_broken", which JSON cannot parse.
std::string parsable_text() {
  std::string text = kText;
  std::string broken = ",\n    \"fake_broken\": {\"arguments\": {\"name\": nope}}";
  return text.erase(text.find(broken), broken.size());
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<nothing was thrown>";
}
}  // namespace

TEST_CASE("a provider schema read from text answers like one built from parsed JSON", "[schema]") {
  json parsed = json::parse(parsable_text());
  for (const ProviderSchema& p : {ProviderSchema::from_text(kText), ProviderSchema(parsed)}) {
    CHECK(p.prefix() == "fake_");
    CHECK(p.version() == "1.2.3");
    CHECK(p.has_resource_type("fake_bucket"));
    CHECK(p.has_resource_type("fake_plain"));  // listed without a description
    CHECK_FALSE(p.has_resource_type("fake_zone"));
    CHECK(p.has_data_source_type("fake_zone"));
    CHECK(p.resource_types() == std::vector<std::string>{"fake_bucket", "fake_broken", "fake_odd", "fake_plain"});
    CHECK(p.data_source_types() == std::vector<std::string>{"fake_zone"});
    REQUIRE(p.resource("fake_bucket") != nullptr);
    CHECK(json(*p.resource("fake_bucket")) == parsed["resources"]["fake_bucket"]);
    CHECK(p.resource("fake_plain") == nullptr);
    CHECK(json(*p.data_source("fake_zone")).at("attributes") == json::array({"zone_id"}));
  }
}

TEST_CASE("strings holding brackets and escaped quotes do not end a description early", "[schema]") {
  ProviderSchema p = ProviderSchema::from_text(kText);
  REQUIRE(p.resource("fake_odd") != nullptr);
  CHECK(p.resource("fake_odd")->argument("x\"}]") != nullptr);
  CHECK(json(*p.resource("fake_odd")).at("attributes") == json::array({"a\\"}));
}

TEST_CASE("a malformed description is reported when it is first read, and other types still answer", "[schema]") {
  ProviderSchema p = ProviderSchema::from_text(kText);
  CHECK(error_of([&] { p.resource("fake_broken"); }) ==
        "malformed provider schema data: [json.exception.parse_error.101] parse error at line 1, column 25: syntax error while "
        "parsing value - invalid literal; last read: '\"name\": no'");
  CHECK(p.resource("fake_bucket") != nullptr);
}

TEST_CASE("provider schema text without its parts or with unbalanced brackets is refused", "[schema]") {
  CHECK(error_of([] { ProviderSchema::from_text("[]"); }) == "malformed provider schema data: expected an object");
  CHECK(error_of([] { ProviderSchema::from_text(R"({"provider": {"source": "a/b", "version": "1"}})"); }) ==
        "malformed provider schema data: no \"all_resource_types\"");
  CHECK(error_of([] { ProviderSchema::from_text(R"({"provider": {"source": "a/b")"); }) == "malformed provider schema data: unbalanced brackets");
  CHECK(error_of([] { ProviderSchema::from_text(R"({"provider": "x)"); }) == "malformed provider schema data: unterminated string");
}

TEST_CASE("a provider schema from parts answers like one from the whole text", "[schema]") {
  ProviderSchema::Parts parts{R"({"source": "example/fake", "version": "1.2.3"})", R"(["fake_bucket", "fake_plain"])", R"(["fake_zone"])",
                              {{"fake_bucket", R"({"arguments": {}, "blocks": {}, "attributes": ["arn"]})"}},
                              {{"fake_zone", R"({"arguments": {}, "blocks": {}, "attributes": ["zone_id"]})"}}};
  ProviderSchema p = ProviderSchema::from_parts(parts);
  CHECK(p.prefix() == "fake_");
  CHECK(p.version() == "1.2.3");
  CHECK(p.resource_types() == std::vector<std::string>{"fake_bucket", "fake_plain"});
  CHECK(p.has_data_source_type("fake_zone"));
  REQUIRE(p.resource("fake_bucket") != nullptr);
  CHECK(json(*p.resource("fake_bucket")).at("attributes") == json::array({"arn"}));
  CHECK(p.resource("fake_plain") == nullptr);
  CHECK(json(*p.data_source("fake_zone")).at("attributes") == json::array({"zone_id"}));
  parts.provider = R"({"source": "example/fake"})";
  CHECK(error_of([&] { ProviderSchema::from_parts(parts); }).rfind("malformed provider schema data: ", 0) == 0);
}

TEST_CASE("parse_all parses every description ahead of use and reports a malformed one", "[schema]") {
  std::string text = parsable_text();  // from_text keeps views of it
  ProviderSchema parsable = ProviderSchema::from_text(text);
  parsable.parse_all();
  CHECK(parsable.resource("fake_odd")->has_attribute("a\\"));
  CHECK(parsable.data_source("fake_zone") != nullptr);

  ProviderSchema broken = ProviderSchema::from_text(kText);
  CHECK(error_of([&] { broken.parse_all(); }).rfind("malformed provider schema data: [json.exception.parse_error.101]", 0) == 0);
  CHECK(broken.resource("fake_bucket") != nullptr);
}

TEST_CASE("parse_all stops before the next type once asked to", "[schema]") {
  ProviderSchema broken = ProviderSchema::from_text(kText);
  std::atomic<bool> stop{true};
  CHECK(error_of([&] { broken.parse_all(&stop); }) == "<nothing was thrown>");  // "fake_broken" was never reached
  CHECK(broken.resource("fake_bucket") != nullptr);                             // and is still parsed on demand
}

TEST_CASE("a description read from JSON keeps nested blocks, sorted for lookup", "[schema]") {
  // Attributes out of order, and a nested block with a block of its own.
  std::string text = R"J({"provider": {"source": "example/fake", "version": "1"}, "all_resource_types": ["fake_fn"],
    "all_data_source_types": [], "data_sources": {},
    "resources": {"fake_fn": {"arguments": {"zeta": {"type": "number", "required": false}, "alpha": {"type": "list(string)", "required": true}},
      "attributes": ["zeta", "arn", "alpha"],
      "blocks": {"vpc": {"arguments": {"ids": {"type": "set(string)", "required": true}}, "attributes": ["ids"], "nesting": "single", "required": true,
                         "blocks": {"inner": {"arguments": {}, "attributes": [], "blocks": {}, "nesting": "list", "required": false}}}}}}})J";
  ProviderSchema p = ProviderSchema::from_text(text);
  const BlockSchema* fn = p.resource("fake_fn");
  REQUIRE(fn != nullptr);
  CHECK(fn->name.empty());
  CHECK(fn->nesting.empty());
  REQUIRE(fn->argument("alpha") != nullptr);
  CHECK(fn->argument("alpha")->type == "list(string)");
  CHECK(fn->argument("alpha")->required);
  CHECK_FALSE(fn->argument("zeta")->required);
  CHECK(fn->argument("beta") == nullptr);
  CHECK(fn->has_attribute("arn"));
  CHECK(fn->has_attribute("zeta"));
  CHECK_FALSE(fn->has_attribute("id"));
  const BlockSchema* vpc = fn->block("vpc");
  REQUIRE(vpc != nullptr);
  CHECK(vpc->name == "vpc");
  CHECK(vpc->nesting == "single");
  CHECK(vpc->required);
  REQUIRE(vpc->block("inner") != nullptr);
  CHECK(vpc->block("inner")->nesting == "list");
  CHECK_FALSE(vpc->block("inner")->required);
  // Back to JSON: the data file's form (attributes sorted).
  json back = *fn;
  CHECK(back.at("attributes") == json::array({"alpha", "arn", "zeta"}));
  CHECK(back.at("blocks").at("vpc").at("blocks").at("inner") == json::parse(R"({"arguments": {}, "attributes": [], "blocks": {}, "nesting": "list", "required": false})"));
  CHECK_FALSE(back.contains("nesting"));
}

TEST_CASE("a description of the wrong shape is refused when first read", "[schema]") {
  auto text_with = [](const std::string& description) {
    return R"({"provider": {"source": "example/fake", "version": "1"}, "all_resource_types": ["fake_x"], "all_data_source_types": [],
               "data_sources": {}, "resources": {"fake_x": )" + description + "}}";
  };
  for (const std::string& description : {std::string(R"([])"), std::string(R"({"arguments": []})"), std::string(R"({"attributes": {}})"),
                                         std::string(R"({"arguments": {"a": {"type": 1}}})"), std::string(R"({"attributes": [1]})"),
                                         std::string(R"({"blocks": {"b": {"nesting": true}}})")}) {
    INFO(description);
    std::string text = text_with(description);
    ProviderSchema p = ProviderSchema::from_text(text);
    CHECK(error_of([&] { p.resource("fake_x"); }).rfind("malformed provider schema data: ", 0) == 0);
  }
}

TEST_CASE("a description given as a table is used as it is", "[schema]") {
  static constexpr ArgumentSchema kArguments[] = {{"name", "string", true}};
  static constexpr std::string_view kAttributes[] = {"arn", "name"};
  static constexpr BlockSchema kTable{"", "", false, kArguments, {}, kAttributes};
  ProviderSchema::Parts parts{R"({"source": "example/fake", "version": "1"})", R"(["fake_bucket"])", "[]", {{"fake_bucket", {}, &kTable}}, {}};
  ProviderSchema p = ProviderSchema::from_parts(parts);
  CHECK(p.resource("fake_bucket") == &kTable);
  p.parse_all();  // nothing to parse
  CHECK(p.resource("fake_bucket")->argument("name")->required);
}

TEST_CASE("a module interface from JSON keeps its names sorted, and malformed data is refused", "[schema]") {
  ModuleInterfaces modules;
  modules.add(json::parse(R"({"source": "example/box/fake", "version": "1.0.0", "variables": {"width": {}, "depth": {}},
                             "outputs": ["z_id", "a_id"]})"));
  const ModuleInterface* box = modules.find("example/box/fake");
  REQUIRE(box != nullptr);
  CHECK(box->version == "1.0.0");
  CHECK(box->variables == std::vector<std::string>{"depth", "width"});
  CHECK(box->outputs == std::vector<std::string>{"a_id", "z_id"});
  CHECK(modules.find("example/other/fake") == nullptr);
  CHECK(error_of([&] { modules.add(json::parse(R"({"version": "1"})")); }).rfind("malformed module interface data: ", 0) == 0);
  CHECK(error_of([&] { modules.add(json::parse(R"({"source": "a/b/c", "outputs": "x"})")); }).rfind("malformed module interface data: ", 0) == 0);
}
