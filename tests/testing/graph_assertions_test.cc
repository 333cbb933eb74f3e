// Graph assertions on the fake shop stack: direct and transitive dependencies with the chain
// that proves them, references to one attribute, cycles, and reachable resources.

#include <catch2/catch.hpp>

#include "testing/shop.h"

using namespace lcsynth::testing;
using lcsynth::test::synth_shop;

TEST_CASE("depends_on with kDirect passes for an edge and names it", "[testing][graph_assertions]") {
  Result r = depends_on(synth_shop(), "shop/api/handler", "shop/api/role", Reach::kDirect);
  CHECK(r.ok);
  CHECK(r.message == "module.api.aws_lambda_function.handler depends on module.api.aws_iam_role.role directly: "
                     "module.api.aws_lambda_function.handler -> module.api.aws_iam_role.role");
}

TEST_CASE("depends_on with kDirect fails for a transitive dependency and shows the chain", "[testing][graph_assertions]") {
  Result r = depends_on(synth_shop(), "api/handler", "table", Reach::kDirect);
  CHECK_FALSE(r.ok);
  CHECK(r.message == "expected module.api.aws_lambda_function.handler to depend directly on aws_dynamodb_table.table; "
                     "its direct dependencies: module.api.var.table_name, module.api.aws_iam_role.role "
                     "(only transitively: module.api.aws_lambda_function.handler -> module.api.var.table_name -> aws_dynamodb_table.table)");
}

TEST_CASE("depends_on transitively passes through a module input and says so", "[testing][graph_assertions]") {
  Result r = depends_on(synth_shop(), "api/handler", "aws_dynamodb_table.table");
  CHECK(r.ok);
  CHECK(r.message == "module.api.aws_lambda_function.handler depends on aws_dynamodb_table.table transitively: "
                     "module.api.aws_lambda_function.handler -> module.api.var.table_name -> aws_dynamodb_table.table");
}

TEST_CASE("depends_on transitively fails with everything the element depends on", "[testing][graph_assertions]") {
  auto s = synth_shop();
  CHECK(depends_on(s, "api/handler", "assets").message ==
        "expected module.api.aws_lambda_function.handler to depend on aws_s3_bucket.assets, directly or transitively; "
        "it depends on module.api.var.table_name, aws_dynamodb_table.table, module.api.aws_iam_role.role");
  CHECK(depends_on(s, "table", "api/handler").message ==
        "expected aws_dynamodb_table.table to depend on module.api.aws_lambda_function.handler, directly or transitively; "
        "it depends on nothing");
}

TEST_CASE("depends_on takes a module boundary for every element inside it", "[testing][graph_assertions]") {
  auto s = synth_shop();
  CHECK(depends_on(s, "module.api", "table", Reach::kDirect).message ==
        "module.api depends on aws_dynamodb_table.table directly: module.api.var.table_name -> aws_dynamodb_table.table");
  CHECK(depends_on(s, "output.api_arn", "module.api").ok);
  CHECK_FALSE(depends_on(s, "table", "module.api").ok);
}

TEST_CASE("depends_on names the closest construct for an unknown target", "[testing][graph_assertions]") {
  auto s = synth_shop();
  CHECK(depends_on(s, "api/handlr", "table").message == "nothing at 'api/handlr' in stack 'shop' (did you mean 'api/handler'?)");
  CHECK(depends_on(s, "api/handler", "aws_dynamodb_table.tabel").message ==
        "nothing at 'aws_dynamodb_table.tabel' in stack 'shop' (did you mean 'aws_dynamodb_table.table'?)");
}

TEST_CASE("references passes for the attribute read and fails with the closest reference", "[testing][graph_assertions]") {
  auto s = synth_shop();
  CHECK(references(s, "api/handler", "api/role", "arn").message ==
        "module.api.aws_lambda_function.handler references module.api.aws_iam_role.role.arn");
  CHECK(references(s, "api/handler", "api/role", "name").message ==
        "expected module.api.aws_lambda_function.handler to reference module.api.aws_iam_role.role.name; "
        "it references module.api.var.table_name, module.api.aws_iam_role.role.arn (did you mean 'module.api.aws_iam_role.role.arn'?)");
  CHECK(references(s, "table", "assets").message == "expected aws_dynamodb_table.table to reference aws_s3_bucket.assets; it references nothing");
}

TEST_CASE("references without an attribute accepts any, and an attribute covers its own steps", "[testing][graph_assertions]") {
  auto s = synth_shop();
  CHECK(references(s, "api/handler", "module.api.var.table_name").message ==
        "module.api.aws_lambda_function.handler references module.api.var.table_name");
  CHECK(references(s, "output.api_arn", "module.api").message == "output.api_arn references module.api.output.function_arn");
  CHECK(references(s, "module.api.var.table_name", "table", "name").ok);
  CHECK_FALSE(references(s, "module.api.var.table_name", "table", "nam").ok);
}

TEST_CASE("has_no_cycles passes for an acyclic stack and shows the cycle otherwise", "[testing][graph_assertions]") {
  CHECK(has_no_cycles(synth_shop()).message == "no dependency cycle in stack 'shop'");
  auto app = std::make_shared<lcsynth::App>();
  auto& stack = app->add<lcsynth::Stack>("loop");
  auto& a = stack.add<lcsynth::Resource>("a", "aws_x");
  auto& b = stack.add<lcsynth::Resource>("b", "aws_x", lcsynth::Arguments{{"peer", a.attr("id")}});
  a.set("peer", b.attr("id"));
  Result r = has_no_cycles(synth(app, "loop"));
  CHECK_FALSE(r.ok);
  CHECK(r.message == "expected no dependency cycle in stack 'loop'; found loop/a (aws_x.a) -> loop/b (aws_x.b) -> loop/a (aws_x.a)");
}

TEST_CASE("reaches_exactly compares the reachable resources as a set", "[testing][graph_assertions]") {
  auto s = synth_shop();
  CHECK(reaches_exactly(s, "api/handler", {"module.api.aws_iam_role.role", "aws_dynamodb_table.table"}).message ==
        "the resources reachable from module.api.aws_lambda_function.handler are exactly aws_dynamodb_table.table, module.api.aws_iam_role.role");
  CHECK(reaches_exactly(s, "api/handler", {"module.api.aws_iam_role.role", "aws_s3_bucket.assets"}).message ==
        "expected the resources reachable from module.api.aws_lambda_function.handler to be exactly "
        "aws_s3_bucket.assets, module.api.aws_iam_role.role; missing aws_s3_bucket.assets; unexpected aws_dynamodb_table.table");
}

TEST_CASE("graph assertions work on a stack that did not synthesize", "[testing][graph_assertions]") {
  auto app = std::make_shared<lcsynth::App>();
  auto& stack = app->add<lcsynth::Stack>("loop");
  auto& a = stack.add<lcsynth::Resource>("a", "aws_x");
  auto& b = stack.add<lcsynth::Resource>("b", "aws_x", lcsynth::Arguments{{"peer", a.attr("id")}});
  a.set("peer", b.attr("id"));
  auto s = synth(app, "loop");
  REQUIRE_FALSE(s.synthesized());
  CHECK(depends_on(s, "a", "b", Reach::kDirect).message == "aws_x.a depends on aws_x.b directly: aws_x.a -> aws_x.b");
  CHECK_FALSE(has_no_cycles(s).ok);
}
