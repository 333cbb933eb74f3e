// The built-in schemas: embedded split into parts at build time (cmake/embed_schemas.cmake),
// they must answer exactly as the data files under src/schema/ read whole.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "lcsynth/schema.h"
#include "support/scratch_dir.h"

using namespace lcsynth;
using nlohmann::json;

namespace {
// Every argument, nested block and attribute of `description` is found by name in `block`
// (the tables' binary searches need them sorted), with what the data file says of it.
void check_lookups(const BlockSchema& block, const json& description) {
  for (const auto& [name, argument] : description.at("arguments").items()) {
    INFO(name);
    const ArgumentSchema* found = block.argument(name);
    REQUIRE(found != nullptr);
    CHECK(found->type == argument.at("type").get<std::string>());
    CHECK(found->required == argument.at("required").get<bool>());
  }
  for (const auto& [name, nested] : description.at("blocks").items()) {
    INFO(name);
    const BlockSchema* found = block.block(name);
    REQUIRE(found != nullptr);
    CHECK(found->nesting == nested.at("nesting").get<std::string>());
    check_lookups(*found, nested);
  }
  for (const auto& attribute : description.at("attributes")) CHECK(block.has_attribute(attribute.get<std::string>()));
  CHECK(block.argument("no_such_argument") == nullptr);
  CHECK(block.block("no_such_block") == nullptr);
  CHECK_FALSE(block.has_attribute("no_such_attribute"));
}
}  // namespace

TEST_CASE("the built-in AWS schema describes the types the LibreChat stacks use", "[schema]") {
  const ProviderSchema& aws = builtin_schemas().providers.at(0);
  CHECK(aws.prefix() == "aws_");
  CHECK(aws.version() == "6.25.0");
  CHECK(aws.resource_types().size() == 1581);
  CHECK(aws.data_source_types().size() == 630);
  REQUIRE(aws.resource("aws_lambda_function") != nullptr);
  REQUIRE(aws.resource("aws_lambda_function")->argument("function_name") != nullptr);
  CHECK(aws.resource("aws_lambda_function")->argument("function_name")->required);
  CHECK(aws.resource("aws_lambda_function")->argument("function_name")->type == "string");
  CHECK(aws.data_source("aws_vpc") != nullptr);
}

TEST_CASE("the embedded provider schemas equal their data files read whole", "[schema]") {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(LCSYNTH_SOURCE_DIR) + "/src/schema"))
    if (e.path().filename().string().find("-provider-") != std::string::npos) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  const std::vector<ProviderSchema>& builtin = builtin_schemas().providers;
  REQUIRE(builtin.size() == files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    INFO(files[i].string());
    json data = json::parse(test::read_text(files[i].string()));
    const ProviderSchema& p = builtin[i];
    CHECK(p.version() == data.at("provider").at("version"));
    CHECK(json(p.resource_types()) == data.at("all_resource_types"));
    CHECK(json(p.data_source_types()) == data.at("all_data_source_types"));
    REQUIRE(data.at("resources").size() > 0);
    for (const auto& [type, description] : data.at("resources").items()) {
      INFO(type);
      REQUIRE(p.resource(type) != nullptr);
      CHECK(json(*p.resource(type)) == description);
      check_lookups(*p.resource(type), description);
    }
    for (const auto& [type, description] : data.at("data_sources").items()) {
      INFO(type);
      REQUIRE(p.data_source(type) != nullptr);
      CHECK(json(*p.data_source(type)) == description);
      check_lookups(*p.data_source(type), description);
    }
  }
}

TEST_CASE("the embedded module interfaces equal their data files", "[schema]") {
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(LCSYNTH_SOURCE_DIR) + "/src/schema/registry_modules")) {
    INFO(e.path().string());
    json data = json::parse(test::read_text(e.path().string()));
    const ModuleInterface* m = builtin_schemas().modules.find(data.at("source").get<std::string>());
    REQUIRE(m != nullptr);
    CHECK(m->version == data.at("version"));
    std::vector<std::string> variables;
    for (const auto& [name, variable] : data.at("variables").items()) variables.push_back(name);  // sorted, as json's map is
    CHECK(m->variables == variables);
    auto outputs = data.at("outputs").get<std::vector<std::string>>();
    std::sort(outputs.begin(), outputs.end());
    CHECK(m->outputs == outputs);
    ++files;
  }
  CHECK(files == 3);
  CHECK(builtin_schemas().modules.find("terraform-aws-modules/no-such/aws") == nullptr);
}
