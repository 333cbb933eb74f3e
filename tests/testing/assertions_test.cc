// Assertions on synthesized blocks, each on a passing and a failing input of the fake shop
// stack, with the exact message.

#include <catch2/catch.hpp>

#include "testing/shop.h"

using namespace lcsynth::testing;
using lcsynth::test::synth_shop;
using nlohmann::json;

namespace {
// A stack whose two resources reference each other, so validation fails.
Synth synth_loop() {
  auto app = std::make_shared<lcsynth::App>();
  auto& stack = app->add<lcsynth::Stack>("loop");
  auto& a = stack.add<lcsynth::Resource>("a", "aws_x");
  auto& b = stack.add<lcsynth::Resource>("b", "aws_x", lcsynth::Arguments{{"peer", a.attr("id")}});
  a.set("peer", b.attr("id"));
  return synth(app, "loop");
}
}  // namespace

TEST_CASE("has_resource finds a resource in a local module by type and properties", "[testing][assertions]") {
  Result r = has_resource(synth_shop(), "aws_lambda_function", {{"memory_size", 1024}});
  CHECK(r.ok);
  CHECK(r.message == R"(found a resource of type 'aws_lambda_function' with {"memory_size":1024} in stack 'shop': )"
                     "module.api.aws_lambda_function.handler");
}

TEST_CASE("has_resource with a misspelt type suggests the closest type", "[testing][assertions]") {
  Result r = has_resource(synth_shop(), "aws_lambda_functon", {{"memory_size", 1024}});
  CHECK_FALSE(r.ok);
  CHECK(r.message == R"(expected a resource of type 'aws_lambda_functon' with {"memory_size":1024} in stack 'shop'; )"
                     "no resource has that type (did you mean 'aws_lambda_function'?)");
}

TEST_CASE("has_resource shows the only candidate with its first differing property", "[testing][assertions]") {
  Result r = has_resource(synth_shop(), "aws_lambda_function", {{"memory_size", 2048}});
  CHECK_FALSE(r.ok);
  CHECK(r.message == R"(expected a resource of type 'aws_lambda_function' with {"memory_size":2048} in stack 'shop'; )"
                     "the only resource of that type differs:\n"
                     "  module.api.aws_lambda_function.handler: memory_size: expected 2048, found 1024");
}

TEST_CASE("has_resource lists candidates closest first", "[testing][assertions]") {
  // assets differs in two properties, logs in one, so logs comes first.
  Result r = has_resource(synth_shop(), "aws_s3_bucket", {{"bucket", "shop-logs"}, {"tags", {{"Team", "data"}}}});
  CHECK(r.message == R"(expected a resource of type 'aws_s3_bucket' with {"bucket":"shop-logs","tags":{"Team":"data"}} in stack 'shop'; )"
                     "none of the 2 resources of that type matches:\n"
                     R"(  aws_s3_bucket.logs: tags: expected {"Team":"data"}, found nothing)" "\n"
                     R"(  aws_s3_bucket.assets: bucket: expected "shop-logs", found "shop-assets")");
}

TEST_CASE("has_resource shows at most three candidates", "[testing][assertions]") {
  auto app = std::make_shared<lcsynth::App>();
  auto& stack = app->add<lcsynth::Stack>("many");
  for (int i = 0; i < 5; ++i) stack.add<lcsynth::Resource>("b" + std::to_string(i), "aws_s3_bucket", lcsynth::Arguments{{"n", i}});
  Result r = has_resource(synth(app, "many"), "aws_s3_bucket", {{"n", 9}});
  CHECK(r.message == R"(expected a resource of type 'aws_s3_bucket' with {"n":9} in stack 'many'; )"
                     "none of the 5 resources of that type matches (the 3 closest):\n"
                     "  aws_s3_bucket.b0: n: expected 9, found 0\n"
                     "  aws_s3_bucket.b1: n: expected 9, found 1\n"
                     "  aws_s3_bucket.b2: n: expected 9, found 2");
}

TEST_CASE("has_data_source matches data blocks only", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(has_data_source(s, "aws_vpc", {{"default", true}}).ok);
  CHECK_FALSE(has_resource(s, "aws_vpc").ok);
  CHECK(has_data_source(s, "aws_vpcs").message ==
        "expected a data source of type 'aws_vpcs' in stack 'shop'; no data source has that type (did you mean 'aws_vpc'?)");
}

TEST_CASE("has_module_call matches registry and local module calls by source", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(has_module_call(s, "./modules/api", {{"table_name", "${aws_dynamodb_table.table.name}"}}).ok);
  CHECK(has_module_call(s, "terraform-aws-modules/sqs/aws", {{"version", "~> 4.0"}}).ok);
  CHECK(has_module_call(s, "terraform-aws-modules/sqs/aws", {{"version", "~> 5.0"}}).message ==
        R"(expected a module call to 'terraform-aws-modules/sqs/aws' with {"version":"~> 5.0"} in stack 'shop'; )"
        "the only module call to that source differs:\n"
        R"(  module.api.module.queue: version: expected "~> 5.0", found "~> 4.0")");
  CHECK(has_module_call(s, "./modules/apx").message ==
        "expected a module call to './modules/apx' in stack 'shop'; no module call has that source (did you mean './modules/api'?)");
}

TEST_CASE("has_output matches outputs of the root and of local modules by name", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(has_output(s, "function_arn", {{"value", "${aws_lambda_function.handler.arn}"}}).ok);
  CHECK(has_output(s, "api_arn", {{"value", "${module.api.arn}"}}).message ==
        R"(expected an output named 'api_arn' with {"value":"${module.api.arn}"} in stack 'shop'; )"
        "the only output with that name differs:\n"
        R"(  output.api_arn: value: expected "${module.api.arn}", found "${module.api.function_arn}")");
}

TEST_CASE("a captured value can be reused in a later assertion", "[testing][assertions]") {
  auto s = synth_shop();
  Result role = has_resource(s, "aws_iam_role", {{"name", match::capture("name")}});
  REQUIRE(role.ok);
  CHECK(role.captured("name") == "shop-api");
  CHECK(has_resource(s, "aws_lambda_function", {{"function_name", role.captured("name")}}).ok);
  CHECK_FALSE(has_resource(s, "aws_dynamodb_table", {{"name", role.captured("name")}}).ok);
}

TEST_CASE("resource_count counts resources of a type across modules", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(resource_count(s, "aws_s3_bucket", 2).message == "found 2 resources of type 'aws_s3_bucket' in stack 'shop'");
  CHECK(resource_count(s, "aws_instance", 0).ok);
  CHECK(resource_count(s, "aws_s3_bucket", 3).message ==
        "expected 3 resources of type 'aws_s3_bucket' in stack 'shop'; found 2: aws_s3_bucket.assets, aws_s3_bucket.logs");
  CHECK(resource_count(s, "aws_s3_buckets", 1).message ==
        "expected 1 resource of type 'aws_s3_buckets' in stack 'shop'; found none (did you mean 'aws_s3_bucket'?)");
}

TEST_CASE("all_resources_match requires at least one resource and every one to match", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(all_resources_match(s, "aws_s3_bucket", {{"bucket", match::regex("^shop-")}}).message ==
        R"(all 2 resources of type 'aws_s3_bucket' in stack 'shop' match {"bucket":regex("^shop-")})");
  CHECK(all_resources_match(s, "aws_s3_bucket", {{"force_destroy", true}}).message ==
        R"(expected every resource of type 'aws_s3_bucket' in stack 'shop' to match {"force_destroy":true}; 1 of 2 does not match:)" "\n"
        "  aws_s3_bucket.assets: force_destroy: expected true, found nothing");
  CHECK(all_resources_match(s, "aws_s3_buckt", json::object()).message ==
        "expected every resource of type 'aws_s3_buckt' in stack 'shop' to match {}; no resource has that type (did you mean 'aws_s3_bucket'?)");
}

TEST_CASE("all_resources_match lists the first three that do not match", "[testing][assertions]") {
  auto app = std::make_shared<lcsynth::App>();
  auto& stack = app->add<lcsynth::Stack>("many");
  for (int i = 0; i < 5; ++i) stack.add<lcsynth::Resource>("b" + std::to_string(i), "aws_s3_bucket", lcsynth::Arguments{{"n", i}});
  CHECK(all_resources_match(synth(app, "many"), "aws_s3_bucket", {{"n", match::regex(".")}}).message ==
        R"(expected every resource of type 'aws_s3_bucket' in stack 'many' to match {"n":regex(".")}; 5 of 5 do not match (the first 3):)" "\n"
        R"(  aws_s3_bucket.b0: n: expected regex("."), found 0)" "\n"
        R"(  aws_s3_bucket.b1: n: expected regex("."), found 1)" "\n"
        R"(  aws_s3_bucket.b2: n: expected regex("."), found 2)");
}

TEST_CASE("block_count and all_blocks_match select module calls by source and outputs by name", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(block_count(s, BlockKind::kModuleCall, "terraform-aws-modules/sqs/aws", 1).message ==
        "found 1 module call to 'terraform-aws-modules/sqs/aws' in stack 'shop'");
  CHECK(block_count(s, BlockKind::kOutput, "function_arn", 2).message ==
        "expected 2 outputs named 'function_arn' in stack 'shop'; found 1: module.api.output.function_arn");
  CHECK(all_blocks_match(s, BlockKind::kModuleCall, "terraform-aws-modules/sqs/aws", {{"version", "~> 4.0"}}).message ==
        R"(the only module call to 'terraform-aws-modules/sqs/aws' in stack 'shop' matches {"version":"~> 4.0"})");
  CHECK(all_blocks_match(s, BlockKind::kOutput, "function_arn", {{"sensitive", true}}).message ==
        R"(expected every output named 'function_arn' in stack 'shop' to match {"sensitive":true}; 1 of 1 does not match:)" "\n"
        "  module.api.output.function_arn: sensitive: expected true, found nothing");
}

TEST_CASE("element_matches checks one block found by path or address and lists every difference", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(element_matches(s, "shop/api/handler", {{"layers", match::ordered({"base", "metrics"})}}).message ==
        R"(module.api.aws_lambda_function.handler matches {"layers":ordered(["base","metrics"])})");
  CHECK(element_matches(s, "module.api.aws_lambda_function.handler", {{"memory_size", 2048}, {"timeout", 900}}).message ==
        "module.api.aws_lambda_function.handler: memory_size: expected 2048, found 1024\n"
        "module.api.aws_lambda_function.handler: timeout: expected 900, found nothing");
  CHECK(element_matches(s, "module.api.aws_lambda_function.handlr", json::object()).message ==
        "nothing at 'module.api.aws_lambda_function.handlr' in stack 'shop' (did you mean 'module.api.aws_lambda_function.handler'?)");
  CHECK(element_matches(s, "api/handlr", json::object()).message == "nothing at 'api/handlr' in stack 'shop' (did you mean 'api/handler'?)");
}

TEST_CASE("property_matches follows a property path with indexes", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(property_matches(s, "api/handler", "layers[1]", "auth").message == R"(module.api.aws_lambda_function.handler: layers[1] matches "auth")");
  CHECK(property_matches(s, "api/handler", "environment.variables.TABLE", "${var.table_name}").ok);
  CHECK(property_matches(s, "api/handler", "layers[3]", "auth").message ==
        R"(module.api.aws_lambda_function.handler: layers[3]: expected "auth", found nothing)");
  CHECK_THROWS_WITH(property_matches(s, "api/handler", "layers..x", 1),
                    R"(invalid property path 'layers..x': expected names joined by '.', [N] or ["key"])");
}

TEST_CASE("property_absent passes for a missing property and shows a present one", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(property_absent(s, "aws_s3_bucket.assets", "force_destroy").message == "aws_s3_bucket.assets: force_destroy matches absent()");
  CHECK(property_absent(s, "aws_s3_bucket.assets", "tags.Owner").ok);
  CHECK(property_absent(s, "aws_s3_bucket.logs", "force_destroy").message == "aws_s3_bucket.logs: force_destroy: expected nothing, found true");
  CHECK_FALSE(property_absent(s, "aws_s3_bucket.log", "force_destroy").ok);
}

TEST_CASE("property_matches_regex searches a string property", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(property_matches_regex(s, "api/handler", "environment.variables.TABLE", R"(^\$\{var\.)").ok);
  CHECK(property_matches_regex(s, "api/handler", "role", "^arn:").message ==
        R"(module.api.aws_lambda_function.handler: role: expected regex("^arn:"), found "${aws_iam_role.role.arn}")");
}

TEST_CASE("property_is_json matches a jsonencode()d policy", "[testing][assertions]") {
  auto s = synth_shop();
  json principal = {{"Principal", {{"Service", "lambda.amazonaws.com"}}}};
  CHECK(property_is_json(s, "module.api.aws_iam_role.role", "assume_role_policy", {{"Statement", match::contains(principal)}}).ok);
  CHECK(property_is_json(s, "module.api.aws_iam_role.role", "assume_role_policy", {{"Version", "2008-10-17"}}).message ==
        R"(module.api.aws_iam_role.role: jsondecode(assume_role_policy).Version: expected "2008-10-17", found "2012-10-17")");
}

TEST_CASE("property_is_json matches a literal JSON policy and refuses a plain string", "[testing][assertions]") {
  auto s = synth_shop();
  CHECK(property_is_json(s, "aws_iam_policy.read_assets", "policy", {{"Statement", json::array({{{"Action", "s3:GetObject"}}})}}).ok);
  CHECK(property_is_json(s, "aws_iam_policy.read_assets", "policy", {{"Statement", json::array({{{"Action", "s3:*"}}})}}).message ==
        R"(aws_iam_policy.read_assets: jsondecode(policy).Statement[0].Action: expected "s3:*", found "s3:GetObject")");
  CHECK(property_is_json(s, "aws_s3_bucket.assets", "bucket", json::object()).message ==
        R"(aws_s3_bucket.assets: bucket: expected json_document({}), found "shop-assets")");
}

TEST_CASE("assertions on a stack that did not synthesize fail with its errors", "[testing][assertions]") {
  auto s = synth_loop();
  std::string errors =
      "stack 'loop' did not synthesize:\n"
      "  error core/dependency-cycle [loop/a] (aws_x.a): dependency cycle: loop/a (aws_x.a) -> loop/b (aws_x.b) -> loop/a (aws_x.a)\n"
      "    fix: break one edge of the chain, e.g. move a rule into its own resource that depends on both ends";
  CHECK(has_resource(s, "aws_x").message == "expected a resource of type 'aws_x' in stack 'loop'; " + errors);
  CHECK(element_matches(s, "aws_x.a", json::object()).message == errors);
}
