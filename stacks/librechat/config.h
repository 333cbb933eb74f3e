#pragma once
// The LibreChat deployment's configuration: every value the spec hard-codes or takes as input,
// with the spec's values as defaults, loaded strictly from JSON (config.cc).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lcsynth/backend.h"
#include "lcsynth/config.h"

namespace lcsynth::librechat {

/// How the SPA's client-side routes reach index.html (see docs/librechat.md).
enum class SpaRouting {
  kFunction,        ///< a CloudFront Function on the S3 behaviour rewrites extension-less paths (default)
  kErrorResponses,  ///< the spec's literal rule: 403 and 404 -> /index.html with 200, distribution-wide
};

struct LambdaSettings {
  std::string function_name = "librechat-api";
  int memory_size = 1024;                 ///< MB, 128-10240
  int timeout = 900;                      ///< seconds, 1-900
  std::string image_tag = "latest";       ///< tag in the ECR repository
  std::optional<std::string> image_uri;   ///< full image URI instead of repository:tag
  std::string security_group_name = "librechat-lambda-sg";
  std::string role_name = "librechat-lambda-role";
  std::string policy_name = "librechat-lambda-policy";
  std::vector<std::string> https_egress_cidrs = {"0.0.0.0/0"};  ///< external APIs via NAT
  std::map<std::string, std::string> environment;               ///< extra plain variables
};

struct CloudMapServices {  ///< the spec's Cloud Map service URLs
  std::string litellm_base_url = "http://litellm.dev-aprochat-core.local:4000/v1";
  std::string searxng_instance_url = "http://searxng.dev-aprochat-core.local:8080";
  std::string rag_api_url = "http://rag-api.dev-aprochat-core.local:8000";
  std::string meili_host = "http://meilisearch.dev-aprochat-core.local:7700";
  std::string firecrawl_api_url = "http://firecrawl.dev-aprochat-core.local:3002";
};

struct RedisSettings {
  std::string replication_group_id = "librechat-lambda-redis";
  std::string node_type = "cache.t4g.micro";
  std::string engine_version = "7.1";
};

struct ApiSettings {
  std::string name = "librechat-rest-api";
  std::string stage_name = "prod";
};

struct FrontendSettings {
  std::optional<std::string> bucket_name;  ///< default librechat-frontend-<environment>
  SpaRouting spa_routing = SpaRouting::kFunction;
};

struct LibreChatConfig {
  std::string environment = "dev";
  std::string region = "eu-west-1";
  std::string account_id;                                  ///< required: 12 digits
  std::string custom_domain = "lambda-test.sandbox.data.apro.is";
  std::string acm_certificate_arn;                         ///< required: an ACM certificate in us-east-1
  std::string route53_zone_id;                             ///< required
  std::string vpc_id;                                      ///< required
  std::vector<std::string> private_subnet_ids;             ///< required, at least one
  std::string config_s3_bucket = "genai-shared-config";
  std::string config_s3_key = "lambda-test/librechat.yaml";
  /// Secret name -> SSM parameter ARN. The config file may give a parameter name
  /// ("/ecs/genai/...") instead; it is turned into an ARN with region and account_id.
  std::map<std::string, std::string> ssm_parameter_arns;
  std::optional<std::string> files_bucket_name;            ///< default librechat-lambda-files-<environment>
  std::string ecr_repository_name = "librechat-lambda-api";
  LambdaSettings lambda;
  CloudMapServices services;
  RedisSettings redis;
  ApiSettings api;
  FrontendSettings frontend;
  std::map<std::string, std::string> tags;
  Backend backend = LocalBackend{};

  std::string frontend_bucket() const { return frontend.bucket_name.value_or("librechat-frontend-" + environment); }
  std::string files_bucket() const { return files_bucket_name.value_or("librechat-lambda-files-" + environment); }
};

/// The spec's secrets: name -> SSM parameter name (data-model.md, "Secrets (from SSM)").
const std::map<std::string, std::string>& spec_secret_parameters();

/// Reads and validates `config` strictly. Throws ConfigError listing every problem, each with
/// the file, the key path, what was expected and what was found ("did you mean" for unknown
/// keys).
LibreChatConfig load_librechat_config(const Config& config);

}  // namespace lcsynth::librechat
