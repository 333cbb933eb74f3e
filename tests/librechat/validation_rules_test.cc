// The spec's "Validation Rules" (data-model.md), each checked on the synthesized output. SPA
// routing follows corrections.md (a CloudFront Function by default; see corrections_test.cc).

#include <catch2/catch.hpp>

#include "lcsynth/testing_catch2.h"
#include "librechat/fixture.h"

using lcsynth::test::LibreChat;
using nlohmann::json;

// --- CloudFront ---

TEST_CASE("rule: CloudFront serves HTTPS only, redirecting HTTP for the frontend", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  const json& cdn = lc.module_call("frontend", "cloudfront");
  CHECK(cdn["default_cache_behavior"]["viewer_protocol_policy"] == "redirect-to-https");
  CHECK(cdn["ordered_cache_behavior"][0]["viewer_protocol_policy"] == "https-only");
  CHECK(cdn["origin"]["api_gateway"]["custom_origin_config"]["origin_protocol_policy"] == "https-only");
}

TEST_CASE("rule: CloudFront requires TLS 1.2 or later from viewers and to the API origin", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  const json& cdn = lc.module_call("frontend", "cloudfront");
  CHECK(cdn["viewer_certificate"]["minimum_protocol_version"] == "TLSv1.2_2021");
  CHECK(cdn["origin"]["api_gateway"]["custom_origin_config"]["origin_ssl_protocols"] == json::array({"TLSv1.2"}));
}

TEST_CASE("rule: API responses are never cached, at CloudFront or at the stage", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  const json& api_behavior = lc.module_call("frontend", "cloudfront")["ordered_cache_behavior"][0];
  CHECK(api_behavior["path_pattern"] == "/api/*");
  CHECK(api_behavior["cache_policy_id"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad");  // CachingDisabled
  CHECK(lc.resource("api_gateway", "aws_api_gateway_stage", "stage")["cache_cluster_enabled"] == false);
}

TEST_CASE("rule: client-side routes reach index.html", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  std::string code = lc.resource("frontend", "aws_cloudfront_function", "spa_rewrite")["code"];
  CHECK_THAT(code, Catch::Matchers::Contains("request.uri = '/index.html'"));
  CHECK_THAT(code, Catch::Matchers::Contains("startsWith('/api/')"));
}

// --- Lambda ---

TEST_CASE("rule: the function has at least 1024 MB and a 900 s timeout for streaming", "[librechat][rules]") {
  using namespace lcsynth::testing;
  auto s = LibreChat::stack();
  CHECK_THAT(s, resource_count("aws_lambda_function", 1));
  CHECK_THAT(s, element_matches("module.backend.aws_lambda_function.api", {{"memory_size", 1024}, {"timeout", 900}, {"package_type", "Image"}}));
  CHECK_THAT(LibreChat::stack(json::object(), "prod.json"), element_matches("module.backend.aws_lambda_function.api", {{"memory_size", 2048}}));
}

TEST_CASE("rule: the function runs in every configured private subnet", "[librechat][rules]") {
  auto lc = LibreChat::synth(json::object(), "prod.json");
  CHECK(lc.resource("backend", "aws_lambda_function", "api")["vpc_config"]["subnet_ids"] == "${var.private_subnet_ids}");
  CHECK(lc.root()["module"]["backend"]["private_subnet_ids"].size() == 3);
}

TEST_CASE("rule: the Lambda security group allows egress to every VPC service", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  const json& rule = lc.module("backend")["resource"]["aws_vpc_security_group_egress_rule"]["cloud_map"];
  CHECK(rule["from_port"] == 0);
  CHECK(rule["to_port"] == 65535);
  CHECK(rule["ip_protocol"] == "tcp");
  CHECK(rule["cidr_ipv4"] == "${data.aws_vpc.existing.cidr_block}");
}

// --- API Gateway ---

TEST_CASE("rule: the API is a REST API (v1), regional", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  CHECK(lc.resource("api_gateway", "aws_api_gateway_rest_api", "api")["endpoint_configuration"]["types"] == json::array({"REGIONAL"}));
  for (const auto& [path, text] : lc.assembly.files()) CHECK(text.find("aws_apigatewayv2") == std::string::npos);
}

TEST_CASE("rule: the integration URI ends with /response-streaming-invocations", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  std::string uri = lc.module("backend")["output"]["lambda_response_streaming_invoke_arn"]["value"];
  CHECK_THAT(uri, Catch::Matchers::EndsWith("/response-streaming-invocations"));
  CHECK(lc.resource("api_gateway", "aws_api_gateway_integration", "proxy")["uri"] == "${var.lambda_response_streaming_invoke_arn}");
}

TEST_CASE("rule: the integration timeout is the streaming maximum of 900000 ms", "[librechat][rules]") {
  CHECK(LibreChat::synth().resource("api_gateway", "aws_api_gateway_integration", "proxy")["timeout_milliseconds"] == 900000);
}

// --- ElastiCache ---

TEST_CASE("rule: Redis runs with cluster mode disabled on a single node", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  const json& redis = lc.module_call("redis", "redis");
  CHECK(redis["cluster_mode_enabled"] == false);
  CHECK(redis["num_cache_clusters"] == 1);
  CHECK(redis["engine"] == "redis");
  CHECK(redis["engine_version"] == "7.1");
  CHECK(redis["node_type"] == "cache.t4g.micro");
}

TEST_CASE("rule: Redis is in the same VPC and subnets as the function", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  CHECK(lc.root()["module"]["redis"]["vpc_id"] == lc.root()["module"]["backend"]["vpc_id"]);
  CHECK(lc.root()["module"]["redis"]["private_subnet_ids"] == lc.root()["module"]["backend"]["private_subnet_ids"]);
  CHECK(lc.module_call("redis", "redis")["vpc_id"] == "${var.vpc_id}");
}

TEST_CASE("rule: the Redis security group admits the Lambda group on 6379", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  const json& rule = lc.module_call("redis", "redis")["security_group_rules"]["ingress_lambda"];
  CHECK(rule["type"] == "ingress");
  CHECK(rule["from_port"] == 6379);
  CHECK(rule["referenced_security_group_id"] == "${var.lambda_security_group_id}");
}

// --- S3 ---

TEST_CASE("rule: both buckets block all public access", "[librechat][rules]") {
  using namespace lcsynth::testing;
  const json blocked = {{"block_public_acls", true}, {"block_public_policy", true}, {"ignore_public_acls", true}, {"restrict_public_buckets", true}};
  auto s = LibreChat::stack();
  CHECK_THAT(s, element_matches("module.frontend.module.s3_frontend", blocked));
  CHECK_THAT(s, element_matches("module.backend.module.s3_files", blocked));
  // And any bucket module call added later.
  CHECK_THAT(s, all_blocks_match(BlockKind::kModuleCall, "terraform-aws-modules/s3-bucket/aws", blocked));
}

TEST_CASE("rule: the frontend bucket has no versioning and both buckets can be destroyed", "[librechat][rules]") {
  auto lc = LibreChat::synth();
  CHECK_FALSE(lc.module_call("frontend", "s3_frontend").contains("versioning"));
  CHECK(lc.module_call("frontend", "s3_frontend")["force_destroy"] == true);
  CHECK(lc.module_call("backend", "s3_files")["force_destroy"] == true);
  CHECK(lc.module_call("frontend", "s3_frontend")["bucket"] == "librechat-frontend-${var.environment}");
  CHECK(lc.module_call("backend", "s3_files")["bucket"] == "librechat-lambda-files-${var.environment}");
}
