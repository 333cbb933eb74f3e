// The example stack's constructs, wired with typed references only.

#include "hello_stack.h"

namespace hello {

using lcsynth::Expr;

SiteBucket::SiteBucket(lcsynth::Construct& scope, std::string id, Props props) : ModuleBoundary(scope, std::move(id)) {
  Expr name = input("bucket_name", {.type = "string", .description = "Name of the bucket"}, props.bucket_name);
  Expr tags = input("tags", {.type = "map(string)", .description = "Tags for every resource", .default_value = nlohmann::json::object()},
                    props.tags);
  auto& bucket = add<lcsynth::Resource>("bucket", "aws_s3_bucket", lcsynth::Arguments{{"bucket", name}, {"tags", tags}});
  auto& block = add<lcsynth::Resource>("block", "aws_s3_bucket_public_access_block",
                                       lcsynth::Arguments{{"bucket", bucket.attr("id")},
                                                          {"block_public_acls", true},
                                                          {"block_public_policy", true},
                                                          {"ignore_public_acls", true},
                                                          {"restrict_public_buckets", true}});
  block.set_lifecycle({.prevent_destroy = false, .ignore_changes = {}, .replace_triggered_by = {bucket.attr("id")}});
  output("bucket_arn", bucket.attr("arn"), "ARN of the bucket");
  output("bucket_name", bucket.attr("bucket"), "Name of the bucket");
}

void build_hello_stack(lcsynth::App& app, const lcsynth::Config& config) {
  std::string region = config.values.value("region", "eu-west-1");
  std::string environment = config.values.value("environment", "dev");

  auto& stack = app.add<lcsynth::Stack>("hello", lcsynth::StackProps{.required_version = ">= 1.10", .description = "Example: a private bucket and a reader role"});
  stack.add<lcsynth::Provider>("aws", lcsynth::ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = ">= 5.0, < 7.0",
                                                             .config = {{"region", region}}});
  auto& us_east_1 = stack.add<lcsynth::Provider>(
      "aws_us_east_1", lcsynth::ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = ">= 5.0, < 7.0",
                                              .alias = "us_east_1", .config = {{"region", "us-east-1"}}});

  auto& env = stack.add<lcsynth::TerraformVariable>("environment", lcsynth::VariableProps{.type = "string", .default_value = environment,
                                                                                        .description = "Deployment environment"});
  auto& tags = stack.add<lcsynth::TerraformLocal>(
      "tags", Expr::map({{"Project", "hello"}, {"Environment", env.value()}, {"Note", "literal ${not_a_reference} stays literal"}}));
  auto& caller = stack.add<lcsynth::DataSource>("caller", "aws_caller_identity");
  caller.set_provider(us_east_1);

  auto& site = stack.add<SiteBucket>("site", SiteBucket::Props{
      .bucket_name = Expr::format("hello-{}-{}", {env.value(), caller.attr("account_id")}),
      .tags = tags.value()});

  auto& role = stack.add<lcsynth::Resource>(
      "reader", "aws_iam_role",
      lcsynth::Arguments{{"name", Expr::format("hello-reader-{}", {env.value()})},
                         {"assume_role_policy", lcsynth::fn::jsonencode(Expr::map({
                              {"Version", "2012-10-17"},
                              {"Statement", Expr::list({Expr::map({{"Action", "sts:AssumeRole"},
                                                                   {"Effect", "Allow"},
                                                                   {"Principal", Expr::map({{"Service", "lambda.amazonaws.com"}})}})})},
                          }))},
                         {"tags", tags.value()}});
  auto& policy = stack.add<lcsynth::Resource>(
      "read", "aws_iam_role_policy",
      lcsynth::Arguments{{"role", role.attr("id")},
                         {"policy", lcsynth::fn::jsonencode(Expr::map({
                              {"Version", "2012-10-17"},
                              {"Statement", Expr::list({Expr::map({{"Action", Expr::list({"s3:GetObject"})},
                                                                   {"Effect", "Allow"},
                                                                   {"Resource", Expr::format("{}/*", {site.bucket_arn()})}})})},
                          }))}});
  policy.depends_on(site);

  auto& topics = stack.add<lcsynth::Resource>("topics", "aws_sns_topic",
                                              lcsynth::Arguments{{"name", Expr::format("hello-{}-{}", {env.value(), Expr::count_index()})}});
  topics.set_count(2);
  topics.set_lifecycle({.create_before_destroy = true, .ignore_changes = {"tags"}});
  stack.add<lcsynth::Moved>("topics_moved", "aws_sns_topic.notifications", topics);

  stack.add<lcsynth::TerraformOutput>("bucket_name", lcsynth::OutputProps{.value = site.bucket_name(), .description = "Bucket name"});
  stack.add<lcsynth::TerraformOutput>("reader_role_arn", lcsynth::OutputProps{.value = role.attr("arn"), .description = "Role that may read the bucket"});
}

}  // namespace hello
