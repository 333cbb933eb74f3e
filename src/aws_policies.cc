// The AWS policy pack. Rules read rendered arguments: literal values are judged, expressions
// ("${...}") are not (they are known only at plan time). Module calls are judged on their
// inputs, with the pinned modules' defaults where an input is left out.

#include "lcsynth/aws_policies.h"

#include <cctype>
#include <string_view>

#include <fmt/format.h>

namespace lcsynth {

namespace {

using nlohmann::json;
using Violations = std::vector<std::string>;

constexpr const char* kS3Module = "terraform-aws-modules/s3-bucket/aws";
constexpr const char* kCloudFrontModule = "terraform-aws-modules/cloudfront/aws";
constexpr const char* kElastiCacheModule = "terraform-aws-modules/elasticache/aws";

bool is_false(const json& v) { return v == false || v == "false"; }
bool is_true(const json& v) { return v == true || v == "true"; }
bool literal(const json& v) { return !v.is_string() || v.get_ref<const std::string&>().find("${") == std::string::npos; }

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// Whether a rendered IAM policy (JSON, or the HCL inside ${jsonencode(...)}) gives `field`
// ("Action", "Resource") the value "*", alone or in a list: "Action" = "*", "Action": ["s3:x", "*"].
bool grants_star(const json& body, std::string_view field) {
  if (!body.contains("policy") || !body["policy"].is_string()) return false;
  std::string_view policy = body["policy"].get_ref<const std::string&>();
  std::string key = "\"" + std::string(field) + "\"";
  for (size_t at = policy.find(key); at != std::string_view::npos; at = policy.find(key, at + 1)) {
    size_t i = skip_space(policy, at + key.size());
    if (i >= policy.size() || (policy[i] != '=' && policy[i] != ':')) continue;
    i = skip_space(policy, i + 1);
    if (policy.compare(i, 3, "\"*\"") == 0) return true;
    if (i < policy.size() && policy[i] == '[' && policy.substr(i + 1, policy.find(']', i + 1) - i - 1).find("\"*\"") != std::string_view::npos)
      return true;
  }
  return false;
}

// Whether an environment variable's name says it holds a secret (case-insensitive).
bool secret_name(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view word : {"password", "passwd", "secret", "token", "apikey", "api_key", "privatekey", "private_key", "credential"})
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

PolicyRule rule(const char* id, Severity severity, const char* title, std::vector<std::string> equivalents, const char* fix,
                std::vector<std::string> applies_to, std::function<void(const BlockView&, Violations&)> check) {
  return PolicyRule{id, severity, title, std::move(equivalents), fix, std::move(applies_to), std::move(check)};
}

void s3_rules(PolicyPack& pack) {
  pack.add(rule("LC-S3-1", Severity::kError, "S3 buckets block all public access", {"CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56", "AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093"},
                "set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true",
                {kS3Module, "aws_s3_bucket_public_access_block"}, [](const BlockView& b, Violations& v) {
                  for (const char* flag : {"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}) {
                    bool module = b.kind == "module";
                    bool off = b.body.contains(flag) ? is_false(b.body[flag]) : !module;  // the module defaults them to true
                    if (off) v.push_back(fmt::format("{} is not true", flag));
                  }
                }));
  pack.add(rule("LC-S3-2", Severity::kWarning, "S3 buckets declare encryption at rest", {"CKV_AWS_19", "AVD-AWS-0088"},
                "set server_side_encryption_configuration (SSE-S3 or SSE-KMS)", {kS3Module}, [](const BlockView& b, Violations& v) {
                  if (!b.body.contains("server_side_encryption_configuration")) v.push_back("no server_side_encryption_configuration");
                }));
}

void cloudfront_rules(PolicyPack& pack) {
  pack.add(rule("LC-CF-1", Severity::kError, "CloudFront serves HTTPS only", {"CKV_AWS_34", "AVD-AWS-0012"},
                "use viewer_protocol_policy redirect-to-https or https-only on every behaviour", {kCloudFrontModule},
                [](const BlockView& b, Violations& v) {
                  auto check = [&](const json& behavior, const std::string& where) {
                    std::string policy = behavior.value("viewer_protocol_policy", "allow-all");
                    if (policy != "redirect-to-https" && policy != "https-only") v.push_back(fmt::format("{} allows {}", where, policy));
                  };
                  if (b.body.contains("default_cache_behavior")) check(b.body["default_cache_behavior"], "default_cache_behavior");
                  if (b.body.contains("ordered_cache_behavior") && b.body["ordered_cache_behavior"].is_array())
                    for (const auto& o : b.body["ordered_cache_behavior"]) check(o, "ordered_cache_behavior " + o.value("path_pattern", "?"));
                }));
  pack.add(rule("LC-CF-2", Severity::kError, "CloudFront requires TLS 1.2 or later", {"CKV_AWS_174", "AVD-AWS-0013"},
                "set viewer_certificate.minimum_protocol_version to TLSv1.2_2021 (the module defaults to TLSv1)", {kCloudFrontModule},
                [](const BlockView& b, Violations& v) {
                  std::string version = b.body.contains("viewer_certificate") ? b.body["viewer_certificate"].value("minimum_protocol_version", "TLSv1") : "TLSv1";
                  if (version.rfind("TLSv1.2", 0) != 0 && version.rfind("TLSv1.3", 0) != 0) v.push_back("minimum_protocol_version is " + version);
                }));
  pack.add(rule("LC-CF-3", Severity::kWarning, "CloudFront routes SPA paths to index.html", {},
                "associate a viewer-request CloudFront Function with the default behaviour, or map 403 and 404 to /index.html",
                {kCloudFrontModule}, [](const BlockView& b, Violations& v) {
                  bool function = b.body.contains("default_cache_behavior") && b.body["default_cache_behavior"].contains("function_association");
                  bool errors = b.body.contains("custom_error_response");
                  if (!function && !errors) v.push_back("no function association on the default behaviour and no custom error responses");
                }));
}

void api_and_lambda_rules(PolicyPack& pack) {
  pack.add(rule("LC-API-1", Severity::kError, "API Gateway stages do not cache responses", {},
                "set cache_cluster_enabled to false on the stage", {"aws_api_gateway_stage"}, [](const BlockView& b, Violations& v) {
                  if (b.body.contains("cache_cluster_enabled") && is_true(b.body["cache_cluster_enabled"])) v.push_back("cache_cluster_enabled is true");
                }));
  pack.add(rule("LC-API-2", Severity::kError, "Streaming integrations use AWS_PROXY with at most 900000 ms", {},
                "use type AWS_PROXY and timeout_milliseconds <= 900000 with response_transfer_mode STREAM", {"aws_api_gateway_integration"},
                [](const BlockView& b, Violations& v) {
                  if (b.body.value("response_transfer_mode", "") != "STREAM") return;
                  if (b.body.value("type", "") != "AWS_PROXY") v.push_back("type is " + b.body.value("type", "unset"));
                  if (b.body.contains("timeout_milliseconds") && b.body["timeout_milliseconds"].is_number() && b.body["timeout_milliseconds"].get<long>() > 900000)
                    v.push_back(fmt::format("timeout_milliseconds is {}", b.body["timeout_milliseconds"].get<long>()));
                }));
  pack.add(rule("LC-LAMBDA-1", Severity::kWarning, "Streaming Lambda functions have at least 1024 MB and a 900 s timeout", {},
                "set memory_size >= 1024 and timeout = 900", {"aws_lambda_function"}, [](const BlockView& b, Violations& v) {
                  if (b.body.contains("memory_size") && b.body["memory_size"].is_number() && b.body["memory_size"].get<int>() < 1024)
                    v.push_back(fmt::format("memory_size is {}", b.body["memory_size"].get<int>()));
                  if (b.body.contains("timeout") && b.body["timeout"].is_number() && b.body["timeout"].get<int>() != 900)
                    v.push_back(fmt::format("timeout is {}", b.body["timeout"].get<int>()));
                }));
  pack.add(rule("LC-LAMBDA-4", Severity::kWarning, "VPC Lambda functions span several availability zones", {},
                "list private subnets in at least two availability zones", {"aws_lambda_function"}, [](const BlockView& b, Violations& v) {
                  // Known offline only when the subnets are a literal list: one subnet is one AZ.
                  if (!b.body.contains("vpc_config") || !b.body["vpc_config"].contains("subnet_ids")) return;
                  const json& subnets = b.body["vpc_config"]["subnet_ids"];
                  if (subnets.is_array() && subnets.size() < 2) v.push_back(fmt::format("{} subnet listed", subnets.size()));
                }));
  pack.add(rule("LC-LAMBDA-2", Severity::kError, "Lambda permissions are scoped by source_arn", {"CKV_AWS_364", "AVD-AWS-0067"},
                "set source_arn to the invoking resource (e.g. the REST API's execution ARN + /*/*)", {"aws_lambda_permission"},
                [](const BlockView& b, Violations& v) {
                  if (!b.body.contains("source_arn")) v.push_back("no source_arn");
                }));
  pack.add(rule("LC-LAMBDA-3", Severity::kError, "Lambda environment variables hold no secrets", {"CKV_AWS_45"},
                "store the value in SSM Parameter Store or Secrets Manager and read it at run time", {"aws_lambda_function"},
                [](const BlockView& b, Violations& v) {
                  if (!b.body.contains("environment") || !b.body["environment"].contains("variables")) return;
                  const json& vars = b.body["environment"]["variables"];
                  if (!vars.is_object()) return;
                  for (const auto& [name, value] : vars.items())
                    if (secret_name(name) && literal(value)) v.push_back(fmt::format("{} has a literal value", name));
                }));
}

void iam_and_network_rules(PolicyPack& pack) {
  std::vector<std::string> policies = {"aws_iam_role_policy", "aws_iam_policy", "aws_s3_bucket_policy"};
  pack.add(rule("LC-IAM-1", Severity::kError, "IAM policies grant no \"*\" action", {"CKV_AWS_62", "CKV_AWS_63", "AVD-AWS-0057"},
                "list the actions the principal needs", policies, [](const BlockView& b, Violations& v) {
                  if (grants_star(b.body, "Action")) v.push_back("an Action is \"*\"");
                }));
  pack.add(rule("LC-IAM-2", Severity::kWarning, "IAM policies name their resources", {"CKV_AWS_290", "CKV_AWS_355", "AVD-AWS-0057"},
                "replace \"*\" with the ARNs of the resources the actions apply to", policies, [](const BlockView& b, Violations& v) {
                  if (grants_star(b.body, "Resource")) v.push_back("a Resource is \"*\"");
                }));
  std::vector<std::string> rules = {"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_security_group"};
  pack.add(rule("LC-SG-1", Severity::kWarning, "Security groups and rules are described", {"CKV_AWS_23", "AVD-AWS-0099", "AVD-AWS-0124"},
                "set description to what the rule is for", rules, [](const BlockView& b, Violations& v) {
                  if (!b.body.contains("description") || b.body["description"] == "") v.push_back("no description");
                }));
  pack.add(rule("LC-SG-2", Severity::kError, "No inbound rule is open to the world", {"CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "AVD-AWS-0107"},
                "restrict the source to a security group or a private CIDR", {"aws_vpc_security_group_ingress_rule", "aws_security_group"},
                [](const BlockView& b, Violations& v) {
                  if (b.type == "aws_vpc_security_group_ingress_rule") {
                    if (b.body.value("cidr_ipv4", "") == "0.0.0.0/0" || b.body.value("cidr_ipv6", "") == "::/0") v.push_back("the source is the whole internet");
                    return;
                  }
                  if (b.body.contains("ingress") && b.body["ingress"].dump().find("0.0.0.0/0") != std::string::npos) v.push_back("an ingress block allows 0.0.0.0/0");
                }));
}

void elasticache_rules(PolicyPack& pack) {
  pack.add(rule("LC-EC-1", Severity::kWarning, "ElastiCache runs one node with cluster mode disabled", {},
                "set cluster_mode_enabled = false and num_cache_clusters = 1", {kElastiCacheModule}, [](const BlockView& b, Violations& v) {
                  if (b.body.contains("cluster_mode_enabled") && is_true(b.body["cluster_mode_enabled"])) v.push_back("cluster mode is enabled");
                  if (b.body.contains("num_cache_clusters") && b.body["num_cache_clusters"] != 1) v.push_back("num_cache_clusters is " + b.body["num_cache_clusters"].dump());
                }));
  pack.add(rule("LC-EC-2", Severity::kError, "ElastiCache encrypts data in transit", {"CKV_AWS_30", "AVD-AWS-0051"},
                "set transit_encryption_enabled = true and connect with rediss://", {kElastiCacheModule}, [](const BlockView& b, Violations& v) {
                  if (b.body.contains("transit_encryption_enabled") && is_false(b.body["transit_encryption_enabled"])) v.push_back("transit_encryption_enabled is false");
                }));
  pack.add(rule("LC-EC-3", Severity::kError, "ElastiCache encrypts data at rest", {"CKV_AWS_29", "AVD-AWS-0045"},
                "set at_rest_encryption_enabled = true", {kElastiCacheModule}, [](const BlockView& b, Violations& v) {
                  if (b.body.contains("at_rest_encryption_enabled") && is_false(b.body["at_rest_encryption_enabled"])) v.push_back("at_rest_encryption_enabled is false");
                }));
}

}  // namespace

const PolicyPack& aws_policy_pack() {
  static const PolicyPack pack = [] {
    PolicyPack p;
    s3_rules(p);
    cloudfront_rules(p);
    api_and_lambda_rules(p);
    iam_and_network_rules(p);
    elasticache_rules(p);
    return p;
  }();
  return pack;
}

}  // namespace lcsynth
