// The Catch2 matchers: each wraps its assertion, matches like it, and describes itself with
// the assertion's message, so CHECK_THAT failures print the closest candidates.

#include "lcsynth/testing_catch2.h"

#include "testing/shop.h"

using namespace lcsynth::testing;
using lcsynth::test::synth_shop;
using nlohmann::json;

TEST_CASE("matchers pass in CHECK_THAT and compose with not", "[testing][catch2]") {
  auto s = synth_shop();
  CHECK_THAT(s, has_resource("aws_lambda_function", {{"memory_size", 1024}}));
  CHECK_THAT(s, !has_resource("aws_lambda_function", {{"memory_size", 2048}}));
  CHECK_THAT(s, has_data_source("aws_vpc") && has_module_call("terraform-aws-modules/sqs/aws") && has_output("api_arn"));
  CHECK_THAT(s, resource_count("aws_s3_bucket", 2) && all_resources_match("aws_s3_bucket", {{"bucket", match::regex("^shop-")}}));
  CHECK_THAT(s, element_matches("api/handler", {{"memory_size", 1024}}) && property_matches("api/handler", "layers[0]", "base"));
  CHECK_THAT(s, property_absent("aws_s3_bucket.assets", "force_destroy") && property_matches_regex("api/handler", "role", "role"));
  CHECK_THAT(s, property_is_json("aws_iam_policy.read_assets", "policy", {{"Version", "2012-10-17"}}));
  CHECK_THAT(s, depends_on("api/handler", "api/role", Reach::kDirect) && references("api/handler", "api/role", "arn"));
  CHECK_THAT(s, has_no_cycles() && reaches_exactly("api", {"aws_dynamodb_table.table"}));
  CHECK_THAT(s, has_block(BlockKind::kOutput, "api_arn") && block_count(BlockKind::kDataSource, "aws_vpc", 1) &&
                    all_blocks_match(BlockKind::kDataSource, "aws_vpc", {{"default", true}}));
}

TEST_CASE("a failing matcher describes itself with the assertion's message", "[testing][catch2]") {
  auto s = synth_shop();
  auto m = has_resource("aws_lambda_function", {{"memory_size", 2048}});
  CHECK_FALSE(m.match(s));
  CHECK(m.describe() == R"(expected a resource of type 'aws_lambda_function' with {"memory_size":2048} in stack 'shop'; )"
                        "the only resource of that type differs:\n"
                        "  module.api.aws_lambda_function.handler: memory_size: expected 2048, found 1024");
}

TEST_CASE("every matcher fails where its assertion fails, with the same message", "[testing][catch2]") {
  auto s = synth_shop();
  std::vector<std::pair<SynthMatcher, Result>> cases = {
      {has_resource("aws_s3_bucket", {{"n", 1}}), has_resource(s, "aws_s3_bucket", {{"n", 1}})},
      {has_block(BlockKind::kOutput, "api_ar"), has_block(s, BlockKind::kOutput, "api_ar")},
      {block_count(BlockKind::kDataSource, "aws_vpc", 2), block_count(s, BlockKind::kDataSource, "aws_vpc", 2)},
      {all_blocks_match(BlockKind::kDataSource, "aws_vpc", {{"default", false}}), all_blocks_match(s, BlockKind::kDataSource, "aws_vpc", {{"default", false}})},
      {has_data_source("aws_vpc", {{"default", false}}), has_data_source(s, "aws_vpc", {{"default", false}})},
      {has_module_call("x"), has_module_call(s, "x")},
      {has_output("api_arn", {{"sensitive", true}}), has_output(s, "api_arn", {{"sensitive", true}})},
      {resource_count("aws_s3_bucket", 1), resource_count(s, "aws_s3_bucket", 1)},
      {all_resources_match("aws_s3_bucket", {{"force_destroy", true}}), all_resources_match(s, "aws_s3_bucket", {{"force_destroy", true}})},
      {element_matches("table", {{"name", "x"}}), element_matches(s, "table", {{"name", "x"}})},
      {property_matches("table", "name", "x"), property_matches(s, "table", "name", "x")},
      {property_absent("table", "name"), property_absent(s, "table", "name")},
      {property_matches_regex("table", "name", "^x"), property_matches_regex(s, "table", "name", "^x")},
      {property_is_json("table", "name", json::object()), property_is_json(s, "table", "name", json::object())},
      {depends_on("table", "assets"), depends_on(s, "table", "assets")},
      {references("table", "assets"), references(s, "table", "assets")},
      {reaches_exactly("table", {"x"}), reaches_exactly(s, "table", {"x"})},
  };
  for (const auto& [matcher, result] : cases) {
    CAPTURE(result.message);
    REQUIRE_FALSE(result.ok);
    CHECK_FALSE(matcher.match(s));
    CHECK(matcher.describe() == result.message);
  }
}

TEST_CASE("Catch prints a Synth as its stack and a Result as its message", "[testing][catch2]") {
  auto s = synth_shop();
  CHECK(Catch::Detail::stringify(s) == "stack 'shop'");
  CHECK(Catch::Detail::stringify(has_resource(s, "aws_s3_bucket")) ==
        "found a resource of type 'aws_s3_bucket' in stack 'shop': aws_s3_bucket.assets");
}

TEST_CASE("the README's example holds, and its misspelt type fails as shown", "[testing][catch2]") {
  using namespace lcsynth;
  App app;
  auto& stack = app.add<Stack>("hello", StackProps{.required_version = ">= 1.10"});
  auto& bucket = stack.add<Resource>("site", "aws_s3_bucket", Arguments{{"bucket", "hello-site"}});
  stack.add<TerraformOutput>("arn", OutputProps{.value = bucket.attr("arn")});
  auto s = testing::synth(app, "hello");
  CHECK_THAT(s, has_resource("aws_s3_bucket", {{"bucket", "hello-site"}}));
  CHECK_THAT(s, references("arn", "site", "arn") && has_no_cycles());
  CHECK(testing::has_resource(s, "aws_s3_buckt", {{"bucket", "hello-site"}}).message ==
        R"(expected a resource of type 'aws_s3_buckt' with {"bucket":"hello-site"} in stack 'hello'; )"
        "no resource has that type (did you mean 'aws_s3_bucket'?)");
}
