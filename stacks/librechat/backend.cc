// The backend module boundary. Corrections applied (../shared/spec/corrections.md): the Lambda
// security group has no inline rules (its egress rules are separate resources, which breaks the
// redis <-> backend loop), AWS_REGION is not set (Lambda reserves it), the image comes from
// configuration or the registry stack's repository (an input read through remote state), and
// the streaming invoke ARN is
// built rather than read from a provider attribute that 6.26 lacks.

#include "stacks/librechat/backend.h"

#include "lcsynth/functions.h"
#include "lcsynth/resource.h"
#include "stacks/librechat/registry_modules.h"

namespace lcsynth::librechat {

Expr response_streaming_invoke_arn(const Expr& function_arn) {
  Expr region = Expr::index(fn::split(":", function_arn), 3);
  return Expr::format("arn:aws:apigateway:{}:lambda:path/2021-11-15/functions/{}/response-streaming-invocations",
                      {region, function_arn});
}

namespace {
Expr policy_document(std::vector<Expr> statements) {
  return fn::jsonencode(Expr::map({{"Version", "2012-10-17"}, {"Statement", Expr::list(std::move(statements))}}));
}
}  // namespace

Backend::Backend(Construct& scope, std::string id, Props p) : ModuleBoundary(scope, std::move(id)) {
  Expr environment = input("environment", {.type = "string", .description = "Environment name"}, p.environment);
  Expr vpc_id = input("vpc_id", {.type = "string", .description = "VPC ID for Lambda"}, p.vpc_id);
  Expr subnets = input("private_subnet_ids", {.type = "list(string)", .description = "Private subnet IDs"}, p.private_subnet_ids);
  Expr redis_endpoint = input("redis_endpoint", {.type = "string", .description = "ElastiCache Redis endpoint"}, p.redis_endpoint);
  Expr redis_sg = input("redis_security_group_id", {.type = "string", .description = "Redis security group ID"}, p.redis_security_group_id);
  Expr domain = input("custom_domain", {.type = "string", .description = "Custom domain for DOMAIN_SERVER/CLIENT"}, p.custom_domain);
  Expr config_bucket = input("config_s3_bucket", {.type = "string", .description = "S3 bucket for librechat.yaml"}, p.config_s3_bucket);
  Expr config_key = input("config_s3_key", {.type = "string", .description = "S3 key for librechat.yaml"}, p.config_s3_key);
  Expr ssm_arns = input("ssm_parameter_arns", {.type = "list(string)", .description = "SSM parameter ARNs for secrets"}, p.ssm_parameter_arns);
  // Not in the spec's table: there the module created the repository itself.
  Expr repository_url = input("ecr_repository_url", {.type = "string", .description = "ECR repository URL (the librechat-registry stack's)"},
                              p.ecr_repository_url);
  Expr tags = input("tags", {.type = "map(string)", .description = "Resource tags", .default_value = nlohmann::json::object()}, p.tags);
  // Not in the spec's table either: names unique per account, passed in so that one module
  // source serves every environment (docs/librechat.md).
  auto name = [&](const char* input_name, const char* what, const std::string& value) {
    return input(input_name, {.type = "string", .description = what}, Expr(value));
  };
  Expr function_name = name("function_name", "Lambda function name", p.lambda.function_name);
  Expr role_name = name("role_name", "IAM role name", p.lambda.role_name);
  Expr policy_name = name("policy_name", "IAM inline policy name", p.lambda.policy_name);
  Expr security_group_name = name("security_group_name", "Lambda security group name", p.lambda.security_group_name);

  auto& vpc = add<DataSource>("existing", "aws_vpc", Arguments{{"id", vpc_id}});

  auto& files = add<S3BucketModule>(
      "s3_files",
      Arguments{{"bucket", p.files_bucket_name ? Expr(*p.files_bucket_name) : Expr::format("librechat-lambda-files-{}", {environment})},
                {"force_destroy", true},
                {"block_public_acls", true},
                {"block_public_policy", true},
                {"ignore_public_acls", true},
                {"restrict_public_buckets", true},
                {"attach_deny_insecure_transport_policy", true},
                {"server_side_encryption_configuration", sse_s3_encryption()},
                {"cors_rule", Expr::list({Expr::map({{"allowed_headers", Expr::list({"*"})},
                                                     {"allowed_methods", Expr::list({"GET", "PUT", "POST"})},
                                                     {"allowed_origins", Expr::list({Expr::format("https://{}", {domain})})},
                                                     {"expose_headers", Expr::list({"ETag"})},
                                                     {"max_age_seconds", 3600}})})},
                {"tags", tags}});

  // No inline rules: every rule is its own resource, so the Redis group can reference this one
  // and this one's egress can reference the Redis group without a cycle.
  auto& sg = add<Resource>("lambda", "aws_security_group",
                           Arguments{{"name", security_group_name},
                                     {"description", "Security group for LibreChat Lambda"},
                                     {"vpc_id", vpc_id},
                                     {"tags", tags}});
  auto egress = [&](const std::string& rule_id, Arguments rule) {
    rule.emplace("security_group_id", sg.attr("id"));
    rule.emplace("ip_protocol", "tcp");
    rule.emplace("tags", tags);
    add<Resource>(rule_id, "aws_vpc_security_group_egress_rule", std::move(rule));
  };
  Expr vpc_cidr = vpc.attr("cidr_block");
  egress("documentdb", {{"description", "DocumentDB"}, {"from_port", 27017}, {"to_port", 27017}, {"cidr_ipv4", vpc_cidr}});
  egress("redis", {{"description", "ElastiCache Redis"}, {"from_port", 6379}, {"to_port", 6379}, {"referenced_security_group_id", redis_sg}});
  egress("cloud_map", {{"description", "Cloud Map services"}, {"from_port", 0}, {"to_port", 65535}, {"cidr_ipv4", vpc_cidr}});
  for (size_t i = 0; i < p.lambda.https_egress_cidrs.size(); ++i)
    egress(i == 0 ? "https" : "https_" + std::to_string(i),
           {{"description", "HTTPS egress"}, {"from_port", 443}, {"to_port", 443}, {"cidr_ipv4", p.lambda.https_egress_cidrs[i]}});

  auto& role = add<Resource>(
      "lambda_role", "aws_iam_role",
      Arguments{{"name", role_name},
                {"assume_role_policy", policy_document({Expr::map({{"Action", "sts:AssumeRole"},
                                                                   {"Effect", "Allow"},
                                                                   {"Principal", Expr::map({{"Service", "lambda.amazonaws.com"}})}})})},
                {"tags", tags}});
  role.override_logical_id("lambda");
  // AWSLambdaVPCAccessExecutionRole already grants what AWSLambdaBasicExecutionRole does
  // (CloudWatch Logs) plus the ENI permissions a VPC function needs.
  auto& vpc_access = add<Resource>("lambda_vpc", "aws_iam_role_policy_attachment",
                                   Arguments{{"role", role.attr("name")},
                                             {"policy_arn", "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"}});
  auto& custom = add<Resource>(
      "lambda_custom", "aws_iam_role_policy",
      Arguments{{"name", policy_name},
                {"role", role.attr("id")},
                {"policy", policy_document({
                               Expr::map({{"Effect", "Allow"}, {"Action", Expr::list({"ssm:GetParameter", "ssm:GetParameters"})}, {"Resource", ssm_arns}}),
                               Expr::map({{"Effect", "Allow"},
                                          {"Action", Expr::list({"s3:GetObject", "s3:PutObject", "s3:DeleteObject"})},
                                          {"Resource", Expr::format("{}/*", {files.s3_bucket_arn()})}}),
                               Expr::map({{"Effect", "Allow"},
                                          {"Action", Expr::list({"s3:GetObject"})},
                                          {"Resource", Expr::format("arn:aws:s3:::{}/{}", {config_bucket, config_key})}}),
                           })}});

  std::map<std::string, Expr> variables = {
      {"DOMAIN_SERVER", Expr::format("https://{}", {domain})},
      {"DOMAIN_CLIENT", Expr::format("https://{}", {domain})},
      {"CONFIG_PATH", "/tmp/librechat.yaml"},
      {"USE_REDIS", "true"},
      {"REDIS_URI", Expr::format("redis://{}:6379", {redis_endpoint})},
      {"AWS_BUCKET_NAME", files.s3_bucket_id()},
      // Cloud Map service URLs. AWS_REGION is deliberately absent: Lambda sets it itself and
      // refuses functions that try to.
      {"LITELLM_BASE_URL", p.services.litellm_base_url},
      {"SEARXNG_INSTANCE_URL", p.services.searxng_instance_url},
      {"RAG_API_URL", p.services.rag_api_url},
      {"MEILI_HOST", p.services.meili_host},
      {"FIRECRAWL_API_URL", p.services.firecrawl_api_url},
  };
  for (const auto& [name, value] : p.lambda.environment) variables.insert_or_assign(name, Expr(value));

  Expr image = p.lambda.image_uri ? Expr(*p.lambda.image_uri) : Expr::format("{}:{}", {repository_url, p.lambda.image_tag});
  auto& function = add<Resource>(
      "api", "aws_lambda_function",
      Arguments{{"function_name", function_name},
                {"package_type", "Image"},
                {"image_uri", image},
                {"memory_size", p.lambda.memory_size},
                {"timeout", p.lambda.timeout},
                {"role", role.attr("arn")},
                {"vpc_config", Expr::map({{"subnet_ids", subnets}, {"security_group_ids", Expr::list({sg.attr("id")})}})},
                {"environment", Expr::map({{"variables", Expr::map(variables)}})},
                {"tags", tags}});
  // Creating a function in a VPC needs the ENI permissions at creation time.
  function.depends_on(vpc_access);
  function.depends_on(custom);

  output("lambda_function_arn", function.attr("arn"), "Lambda function ARN");
  output("lambda_function_name", function.attr("function_name"), "Lambda function name");
  output("lambda_invoke_arn", function.attr("invoke_arn"), "Lambda invoke ARN");
  output("lambda_response_streaming_invoke_arn", response_streaming_invoke_arn(function.attr("arn")), "Lambda streaming invoke ARN");
  output("lambda_security_group_id", sg.attr("id"), "Lambda security group ID");
  output("ecr_repository_url", repository_url, "ECR repository URL");
  output("files_bucket_name", files.s3_bucket_id(), "File storage S3 bucket name");
}

}  // namespace lcsynth::librechat
