#pragma once
// A tiny fake stack for the testing library's own tests: made-up arguments on generic
// resources, one module boundary holding a module call, a jsonencode()d and a literal JSON
// policy, and references within and across the boundary.
//
//   shop                      root module
//     assets, logs            aws_s3_bucket
//     table                   aws_dynamodb_table
//     network                 data.aws_vpc
//     read_assets             aws_iam_policy (literal JSON policy)
//     api                     module.api  <- table.name as input table_name
//       role                  aws_iam_role (jsonencode()d assume-role policy)
//       handler               aws_lambda_function -> role.arn, var.table_name
//       queue                 module.api.module.queue (registry source)
//       outputs/function_arn
//     api_arn                 output <- module.api.function_arn

#include <memory>
#include <string>

#include "lcsynth/lcsynth.h"
#include "lcsynth/testing.h"

namespace lcsynth::test {

class ShopApi : public ModuleBoundary {
 public:
  ShopApi(Construct& scope, std::string id, Expr table_name) : ModuleBoundary(scope, std::move(id)) {
    Expr table = input("table_name", {.type = "string", .description = "Table name"}, std::move(table_name));
    Expr statement = Expr::map({{"Effect", "Allow"},
                                {"Action", "sts:AssumeRole"},
                                {"Principal", Expr::map({{"Service", "lambda.amazonaws.com"}})}});
    auto& role = add<Resource>("role", "aws_iam_role",
                               Arguments{{"name", "shop-api"},
                                         {"assume_role_policy", fn::jsonencode(Expr::map({{"Version", "2012-10-17"},
                                                                                          {"Statement", Expr::list({statement})}}))}});
    auto& handler = add<Resource>("handler", "aws_lambda_function",
                                  Arguments{{"function_name", "shop-api"},
                                            {"memory_size", 1024},
                                            {"role", role.attr("arn")},
                                            {"layers", Expr::list({"base", "auth", "metrics"})},
                                            {"environment", Expr::map({{"variables", Expr::map({{"TABLE", table}})}})}});
    add<ModuleCall>("queue", ModuleCallProps{.source = "terraform-aws-modules/sqs/aws", .version = "~> 4.0", .inputs = {{"name", "shop-jobs"}}});
    output("function_arn", handler.attr("arn"), "Function ARN");
  }
};

/// Builds the shop stack into `app`.
inline void build_shop(App& app) {
  auto& stack = app.add<Stack>("shop");
  stack.add<Resource>("assets", "aws_s3_bucket", Arguments{{"bucket", "shop-assets"}, {"tags", Expr::map({{"Team", "web"}})}});
  stack.add<Resource>("logs", "aws_s3_bucket", Arguments{{"bucket", "shop-logs"}, {"force_destroy", true}});
  auto& table = stack.add<Resource>("table", "aws_dynamodb_table", Arguments{{"name", "orders"}, {"hash_key", "id"}});
  stack.add<DataSource>("network", "aws_vpc", Arguments{{"default", true}});
  stack.add<Resource>("read_assets", "aws_iam_policy",
                      Arguments{{"policy", R"({"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"})"}});
  auto& api = stack.add<ShopApi>("api", table.attr("name"));
  stack.add<TerraformOutput>("api_arn", OutputProps{.value = api.output_ref("function_arn")});
}

/// The shop stack synthesized; the Synth owns its App.
inline testing::Synth synth_shop() {
  auto app = std::make_shared<App>();
  build_shop(*app);
  return testing::synth(app, "shop");
}

}  // namespace lcsynth::test
