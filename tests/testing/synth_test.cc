// Synth: one stack synthesized in memory, its blocks indexed across the root and local modules
// by full address and by construct path, and validation errors kept rather than thrown.

#include <catch2/catch.hpp>

#include "testing/shop.h"

using namespace lcsynth;
using lcsynth::test::synth_shop;
using nlohmann::json;

TEST_CASE("synth indexes blocks of the root module and of local modules by full address", "[testing][synth]") {
  auto s = synth_shop();
  REQUIRE(s.synthesized());
  const testing::Block& handler = s.find("module.api.aws_lambda_function.handler");
  CHECK(handler.kind == testing::BlockKind::kResource);
  CHECK(handler.type == "aws_lambda_function");
  CHECK(handler.path == "shop/api/handler");
  CHECK(handler.file == "stacks/shop/modules/api/main.tf.json");
  CHECK(handler.body["role"] == "${aws_iam_role.role.arn}");
  CHECK_FALSE(handler.body.contains("//"));
  CHECK(handler.construct == &s.stack().find("api/handler"));
  CHECK(s.find("data.aws_vpc.network").kind == testing::BlockKind::kDataSource);
  CHECK(s.find("module.api").type == "./modules/api");
  CHECK(s.find("module.api.module.queue").type == "terraform-aws-modules/sqs/aws");
  CHECK(s.find("module.api.output.function_arn").body["value"] == "${aws_lambda_function.handler.arn}");
  CHECK(s.find("output.api_arn").kind == testing::BlockKind::kOutput);
}

TEST_CASE("synth finds blocks by construct path, from the app or from the stack", "[testing][synth]") {
  auto s = synth_shop();
  CHECK(s.find("shop/api/handler").address == "module.api.aws_lambda_function.handler");
  CHECK(s.find("api/queue").address == "module.api.module.queue");
  CHECK(s.find("shop/api").address == "module.api");
  CHECK(s.find("api/outputs/function_arn").address == "module.api.output.function_arn");
}

TEST_CASE("an unknown address or path names the closest one", "[testing][synth]") {
  auto s = synth_shop();
  CHECK(s.try_find("module.api.aws_lambda_function.handlr") == nullptr);
  CHECK_THROWS_WITH(s.find("module.api.aws_lambda_function.handlr"),
                    "nothing at 'module.api.aws_lambda_function.handlr' in stack 'shop' (did you mean 'module.api.aws_lambda_function.handler'?)");
  CHECK_THROWS_WITH(s.find("shop/api/handlr"), "nothing at 'shop/api/handlr' in stack 'shop' (did you mean 'shop/api/handler'?)");
  CHECK_THROWS_WITH(s.find("nowhere"), "nothing at 'nowhere' in stack 'shop'");
  CHECK(s.try_find("") == nullptr);
  CHECK(s.try_find_construct("") == nullptr);
}

TEST_CASE("synth finds constructs for graph assertions, including groups and variables", "[testing][synth]") {
  auto s = synth_shop();
  CHECK(&s.find_construct("module.api.var.table_name") == &s.stack().find("api/inputs/table_name"));
  CHECK(&s.find_construct("shop") == &s.stack());
  CHECK(s.address_of(s.find_construct("api/inputs")) == "shop/api/inputs");
  CHECK(s.address_of(s.find_construct("api")) == "module.api");
  CHECK_THROWS_WITH(s.find_construct("module.api.var.table"),
                    "nothing at 'module.api.var.table' in stack 'shop' (did you mean 'module.api.var.table_name'?)");
}

TEST_CASE("synth synthesizes only the stack asked for and refuses an unknown one", "[testing][synth]") {
  App app;
  test::build_shop(app);
  app.add<Stack>("other").add<Resource>("x", "aws_s3_bucket");
  auto s = testing::synth(app, "shop");
  REQUIRE(s.assembly().stacks.size() == 1);
  CHECK(s.assembly().stacks[0].name == "shop");
  CHECK(s.stack_name() == "shop");
  CHECK_THROWS_WITH(testing::synth(app, "shpo"), "[<app>] no stack named 'shpo' (did you mean 'shop'?)");
}

TEST_CASE("a stack that fails validation is kept with its errors instead of throwing", "[testing][synth]") {
  App app;
  auto& stack = app.add<Stack>("loop");
  auto& a = stack.add<Resource>("a", "aws_x");
  auto& b = stack.add<Resource>("b", "aws_x", Arguments{{"peer", a.attr("id")}});
  a.set("peer", b.attr("id"));
  auto s = testing::synth(app, "loop");
  CHECK_FALSE(s.synthesized());
  REQUIRE(s.errors().size() == 1);
  CHECK(s.errors()[0].rule == "core/dependency-cycle");
  CHECK(s.blocks().empty());
}

TEST_CASE("reachable_from lists resources, data sources and module calls outside the construct", "[testing][synth]") {
  auto s = synth_shop();
  CHECK(s.reachable_from(s.find_construct("api/handler")) ==
        std::vector<std::string>{"aws_dynamodb_table.table", "module.api.aws_iam_role.role"});
  CHECK(s.reachable_from(s.find_construct("api")) == std::vector<std::string>{"aws_dynamodb_table.table"});
  CHECK(s.reachable_from(s.find_construct("table")).empty());
}
