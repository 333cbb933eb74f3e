// The built-in schemas: embedded split into parts at build time (cmake/embed_schemas.cmake),
// they must answer exactly as the data files under src/schema/ read whole.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "lcsynth/schema.h"
#include "support/scratch_dir.h"

using namespace lcsynth;
using nlohmann::json;

TEST_CASE("the built-in AWS schema describes the types the LibreChat stacks use", "[schema]") {
  const ProviderSchema& aws = builtin_schemas().providers.at(0);
  CHECK(aws.prefix() == "aws_");
  CHECK(aws.version() == "6.25.0");
  CHECK(aws.resource_types().size() == 1581);
  CHECK(aws.data_source_types().size() == 630);
  REQUIRE(aws.resource("aws_lambda_function") != nullptr);
  CHECK(aws.resource("aws_lambda_function")->at("arguments").at("function_name").at("required") == true);
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
      CHECK(*p.resource(type) == description);
    }
    for (const auto& [type, description] : data.at("data_sources").items()) {
      INFO(type);
      REQUIRE(p.data_source(type) != nullptr);
      CHECK(*p.data_source(type) == description);
    }
  }
}
