// One test per row of ../shared/spec/corrections.md: the synthesized Terraform does what the
// right-hand column says, not what the spec's HCL does.

#include <catch2/catch.hpp>

#include "lcsynth/testing_catch2.h"
#include "librechat/fixture.h"

using lcsynth::test::LibreChat;
using nlohmann::json;
using Catch::Matchers::Contains;

namespace {
std::string all_text(const LibreChat& lc) {
  std::string s;
  for (const auto& [path, text] : lc.assembly.files()) s += text;
  return s;
}
}  // namespace

// --- Versions ---

TEST_CASE("correction: the AWS provider is pinned to 6.26 or later and Terraform to 1.10 or later", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  for (const json* doc : {&lc.root(), &lc.registry()}) {
    CHECK((*doc)["terraform"]["required_providers"]["aws"] == json::parse(R"J({"source": "hashicorp/aws", "version": ">= 6.26, < 7.0"})J"));
    CHECK((*doc)["terraform"]["required_version"] == ">= 1.10");
  }
}

TEST_CASE("correction: registry modules keep the spec's pins", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK(lc.module_call("frontend", "s3_frontend")["version"] == "~> 4.0");
  CHECK(lc.module_call("backend", "s3_files")["version"] == "~> 4.0");
  CHECK(lc.module_call("frontend", "cloudfront")["version"] == "~> 4.0");
  CHECK(lc.module_call("redis", "redis")["version"] == "1.10.3");
  CHECK(lc.module_call("redis", "redis")["source"] == "terraform-aws-modules/elasticache/aws");
}

TEST_CASE("correction: the deprecated data.aws_region.current.name is not used", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK_THAT(all_text(lc), !Contains("aws_region.current.name"));
}

// --- Wiring ---

TEST_CASE("correction: the Lambda security group has no inline rules; its egress rules are separate resources", "[librechat][corrections]") {
  using namespace lcsynth::testing;
  auto s = LibreChat::stack();
  CHECK_THAT(s, property_absent("module.backend.aws_security_group.lambda", "egress"));
  CHECK_THAT(s, property_absent("module.backend.aws_security_group.lambda", "ingress"));
  // The rules attach to the group the function runs in.
  Result function = element_matches(s, "module.backend.aws_lambda_function.api", {{"vpc_config", {{"security_group_ids", {match::capture("group")}}}}});
  REQUIRE(function);
  CHECK(function.captured("group") == "${aws_security_group.lambda.id}");
  CHECK_THAT(s, resource_count("aws_vpc_security_group_egress_rule", 4));
  CHECK_THAT(s, all_resources_match("aws_vpc_security_group_egress_rule", {{"security_group_id", function.captured("group")}}));
  const std::string rule = "module.backend.aws_vpc_security_group_egress_rule.";
  CHECK_THAT(s, element_matches(rule + "redis", {{"referenced_security_group_id", "${var.redis_security_group_id}"}, {"from_port", 6379}}));
  CHECK_THAT(s, element_matches(rule + "documentdb", {{"cidr_ipv4", "${data.aws_vpc.existing.cidr_block}"}}));
  CHECK_THAT(s, element_matches(rule + "cloud_map", {{"to_port", 65535}}));
  CHECK_THAT(s, element_matches(rule + "https", {{"cidr_ipv4", "0.0.0.0/0"}}));
}

TEST_CASE("correction: elasticache security group rules use referenced_security_group_id and ip_protocol", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK(lc.module_call("redis", "redis")["security_group_rules"] == json::parse(R"J({"ingress_lambda": {
      "type": "ingress", "from_port": 6379, "to_port": 6379, "ip_protocol": "tcp",
      "referenced_security_group_id": "${var.lambda_security_group_id}", "description": "Lambda access"}})J"));
}

TEST_CASE("correction: the redis endpoint comes from replication_group_primary_endpoint_address", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK(lc.module("redis")["output"]["primary_endpoint_address"]["value"] == "${module.redis.replication_group_primary_endpoint_address}");
  CHECK(lc.module("redis")["output"]["security_group_id"]["value"] == "${module.redis.security_group_id}");
}

TEST_CASE("correction: the streaming invoke ARN is built from the function ARN", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK(lc.module("backend")["output"]["lambda_response_streaming_invoke_arn"]["value"] ==
        "arn:aws:apigateway:${split(\":\", aws_lambda_function.api.arn)[3]}:lambda:path/2021-11-15/functions/"
        "${aws_lambda_function.api.arn}/response-streaming-invocations");
}

TEST_CASE("correction: CloudFront's API origin is the invoke URL's bare host with origin_path /<stage>", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK(lc.module("frontend")["locals"]["api_gateway_domain"] == "${split(\"/\", var.api_gateway_endpoint)[2]}");
  CHECK(lc.module("frontend")["locals"]["api_gateway_origin_path"] == "/${split(\"/\", var.api_gateway_endpoint)[3]}");
  const json& origin = lc.module_call("frontend", "cloudfront")["origin"]["api_gateway"];
  CHECK(origin["domain_name"] == "${local.api_gateway_domain}");
  CHECK(origin["origin_path"] == "${local.api_gateway_origin_path}");
}

// --- API Gateway and Lambda ---

TEST_CASE("correction: the REST API uses a named stage, prod by default and configurable", "[librechat][corrections]") {
  CHECK(LibreChat::synth().resource("api_gateway", "aws_api_gateway_stage", "stage")["stage_name"] == "prod");
  auto lc = LibreChat::synth({{"api", {{"stage_name", "v1"}}}});
  CHECK(lc.resource("api_gateway", "aws_api_gateway_stage", "stage")["stage_name"] == "v1");
}

TEST_CASE("correction: the Lambda integration streams with a 900 s timeout", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  const json& integration = lc.resource("api_gateway", "aws_api_gateway_integration", "proxy");
  CHECK(integration["response_transfer_mode"] == "STREAM");
  CHECK(integration["timeout_milliseconds"] == 900000);
  CHECK(integration["type"] == "AWS_PROXY");
  CHECK(integration["uri"] == "${var.lambda_response_streaming_invoke_arn}");
}

TEST_CASE("correction: the Lambda permission is lambda:InvokeFunction scoped to this REST API", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  const json& permission = lc.resource("api_gateway", "aws_lambda_permission", "api_gateway");
  CHECK(permission["action"] == "lambda:InvokeFunction");
  CHECK(permission["source_arn"] == "${aws_api_gateway_rest_api.api.execution_arn}/*/*");
  CHECK(permission["principal"] == "apigateway.amazonaws.com");
}

TEST_CASE("correction: the deployment redeploys when methods or integrations change", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  const json& deployment = lc.resource("api_gateway", "aws_api_gateway_deployment", "api");
  std::string trigger = deployment["triggers"]["redeployment"];
  CHECK_THAT(trigger, Catch::Matchers::StartsWith("${sha1(jsonencode(["));
  CHECK_THAT(trigger, Contains("aws_api_gateway_integration.proxy.id"));
  CHECK_THAT(trigger, Contains("aws_api_gateway_method.options.id"));
  CHECK(deployment["lifecycle"]["create_before_destroy"] == true);
}

TEST_CASE("correction: the OPTIONS MOCK has method and integration responses with CORS headers for the custom domain", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  const json& method_response = lc.resource("api_gateway", "aws_api_gateway_method_response", "options_200");
  CHECK(method_response["status_code"] == "200");
  CHECK(method_response["response_parameters"]["method.response.header.Access-Control-Allow-Origin"] == true);
  const json& integration_response = lc.resource("api_gateway", "aws_api_gateway_integration_response", "options_integration_200");
  CHECK(integration_response["response_parameters"]["method.response.header.Access-Control-Allow-Origin"] == "'${var.cors_allowed_origin}'");
  CHECK(lc.root()["module"]["api_gateway"]["cors_allowed_origin"] == "https://lambda-test.sandbox.data.apro.is");
  CHECK(integration_response["depends_on"] == json::array({"aws_api_gateway_integration.options"}));
}

TEST_CASE("correction: AWS_REGION is not set on the function", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  const json& variables = lc.resource("backend", "aws_lambda_function", "api")["environment"]["variables"];
  CHECK_FALSE(variables.contains("AWS_REGION"));
  CHECK(variables.size() == 11);
}

TEST_CASE("correction: the image comes from configuration and the repository from the registry stack", "[librechat][corrections]") {
  auto tagged = LibreChat::synth({{"lambda", {{"image_tag", "v0.8.2-rc1"}}}});
  CHECK(tagged.resource("backend", "aws_lambda_function", "api")["image_uri"] == "${var.ecr_repository_url}:v0.8.2-rc1");
  auto pinned = LibreChat::synth({{"lambda", {{"image_uri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/librechat@sha256:" + std::string(64, 'a')}}}});
  CHECK(pinned.resource("backend", "aws_lambda_function", "api")["image_uri"] ==
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/librechat@sha256:" + std::string(64, 'a'));
  CHECK_FALSE(tagged.module("backend")["resource"].contains("aws_ecr_repository"));
  CHECK(tagged.registry()["output"]["repository_url"]["value"] == "${aws_ecr_repository.api.repository_url}");
}

TEST_CASE("correction: only the VPC access managed policy is attached; it includes basic execution", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  const json& attachments = lc.module("backend")["resource"]["aws_iam_role_policy_attachment"];
  REQUIRE(attachments.size() == 1);
  CHECK(attachments["lambda_vpc"]["policy_arn"] == "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
}

// --- CloudFront and S3 ---

TEST_CASE("correction: an origin access control is created and attached to the S3 origin", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  const json& cdn = lc.module_call("frontend", "cloudfront");
  CHECK(cdn["create_origin_access_control"] == true);
  // Keyed by the bucket's name, librechat-frontend-<environment> (a map with an expression for
  // its key is written with zipmap).
  CHECK(cdn["origin_access_control"] ==
        "${zipmap([\"librechat-frontend-${var.environment}\"], [{\"description\" = \"LibreChat frontend bucket\", \"origin_type\" = \"s3\", "
        "\"signing_behavior\" = \"always\", \"signing_protocol\" = \"sigv4\"}])}");
  CHECK(cdn["origin"]["s3_frontend"]["origin_access_control"] == "librechat-frontend-${var.environment}");
}

TEST_CASE("correction: a bucket policy lets only this distribution read the frontend bucket", "[librechat][corrections]") {
  using namespace lcsynth::testing;
  const std::string policy = "module.frontend.aws_s3_bucket_policy.frontend";
  json read_by_this_distribution = {
      {"Effect", "Allow"},
      {"Action", "s3:GetObject"},
      {"Principal", {{"Service", "cloudfront.amazonaws.com"}}},
      {"Condition", {{"StringEquals", {{"AWS:SourceArn", "${module.cloudfront.cloudfront_distribution_arn}"}}}}},
      {"Resource", "${module.s3_frontend.s3_bucket_arn}/*"}};
  auto s = LibreChat::stack();
  CHECK_THAT(s, property_matches(policy, "bucket", "${module.s3_frontend.s3_bucket_id}"));
  CHECK_THAT(s, property_is_json(policy, "policy", {{"Statement", match::contains(read_by_this_distribution)}}));
}

TEST_CASE("correction: forwarded values are off on both behaviours that use cache policies", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  const json& cdn = lc.module_call("frontend", "cloudfront");
  CHECK(cdn["default_cache_behavior"]["use_forwarded_values"] == false);
  CHECK(cdn["ordered_cache_behavior"][0]["use_forwarded_values"] == false);
}

TEST_CASE("correction: the viewer certificate requires TLS 1.2", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK(lc.module_call("frontend", "cloudfront")["viewer_certificate"]["minimum_protocol_version"] == "TLSv1.2_2021");
}

TEST_CASE("correction: SPA routes are rewritten by a CloudFront Function on the S3 behaviour by default", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  const json& cdn = lc.module_call("frontend", "cloudfront");
  CHECK(cdn["default_cache_behavior"]["function_association"] ==
        json::parse(R"J({"viewer-request": {"function_arn": "${aws_cloudfront_function.spa_rewrite.arn}"}})J"));
  CHECK_FALSE(cdn["ordered_cache_behavior"][0].contains("function_association"));
  CHECK_FALSE(cdn.contains("custom_error_response"));
  CHECK(cdn["default_root_object"] == "index.html");
  CHECK(lc.resource("frontend", "aws_cloudfront_function", "spa_rewrite")["runtime"] == "cloudfront-js-2.0");
}

TEST_CASE("correction: the error-response form of SPA routing covers 403 and 404", "[librechat][corrections]") {
  auto lc = LibreChat::synth({{"frontend", {{"spa_routing", "error-responses"}}}});
  const json& cdn = lc.module_call("frontend", "cloudfront");
  CHECK(cdn["custom_error_response"] == json::parse(R"J([
      {"error_code": 403, "response_code": 200, "response_page_path": "/index.html", "error_caching_min_ttl": 10},
      {"error_code": 404, "response_code": 200, "response_page_path": "/index.html", "error_caching_min_ttl": 10}])J"));
  CHECK_FALSE(cdn["default_cache_behavior"].contains("function_association"));
  CHECK_FALSE(lc.module("frontend")["resource"].contains("aws_cloudfront_function"));
}

TEST_CASE("correction: the frontend bucket gets no versioning input at all", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK_FALSE(lc.module_call("frontend", "s3_frontend").contains("versioning"));
}

TEST_CASE("correction: an AAAA alias joins the A alias because IPv6 is on", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK(lc.module_call("frontend", "cloudfront")["is_ipv6_enabled"] == true);
  const json& records = lc.module("frontend")["resource"]["aws_route53_record"];
  CHECK(records["cloudfront"]["type"] == "A");
  CHECK(records["cloudfront_ipv6"]["type"] == "AAAA");
  for (const auto& [id, record] : records.items()) {
    CHECK(record["alias"]["name"] == "${module.cloudfront.cloudfront_distribution_domain_name}");
    CHECK(record["alias"]["zone_id"] == "${module.cloudfront.cloudfront_distribution_hosted_zone_id}");
  }
}

// --- ElastiCache ---

TEST_CASE("correction: transit encryption stays off, deliberately, with encryption at rest on", "[librechat][corrections]") {
  // The visible, suppressed policy finding for this exception belongs to the policy pack.
  auto lc = LibreChat::synth();
  const json& redis = lc.module_call("redis", "redis");
  CHECK(redis["transit_encryption_enabled"] == false);
  CHECK(redis["at_rest_encryption_enabled"] == true);
  CHECK(lc.resource("backend", "aws_lambda_function", "api")["environment"]["variables"]["REDIS_URI"] == "redis://${var.redis_endpoint}:6379");
}

TEST_CASE("correction: the module's default slow-log delivery (and its log group) is kept", "[librechat][corrections]") {
  auto lc = LibreChat::synth();
  CHECK_FALSE(lc.module_call("redis", "redis").contains("log_delivery_configuration"));
}
