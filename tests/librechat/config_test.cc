// The LibreChat configuration: spec defaults from a minimal file, every validated kind of value
// refused with its exact message, unknown keys, the secrets policy, backends and the examples.

#include <catch2/catch.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <variant>

#include "lcsynth/config.h"
#include "lcsynth/config_reader.h"
#include "lcsynth/errors.h"
#include "stacks/librechat/config.h"
#include "support/scratch_dir.h"

using lcsynth::apply_set;
using lcsynth::Config;
using lcsynth::ConfigError;
using lcsynth::LocalBackend;
using lcsynth::S3Backend;
using lcsynth::librechat::LibreChatConfig;
using lcsynth::librechat::load_librechat_config;
using lcsynth::librechat::SpaRouting;
using lcsynth::librechat::spec_secret_parameters;

namespace {
// Only the required keys.
constexpr const char* kMinimal = R"({
  "account_id": "123456789012",
  "acm_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47",
  "route53_zone_id": "Z0123456789ABCDEFGHIJ",
  "vpc_id": "vpc-0a1b2c3d4e5f60718",
  "private_subnet_ids": ["subnet-0a1b2c3d4e5f60001"]
})";

// The minimal configuration with "--set" style edits applied.
Config minimal_with(std::initializer_list<std::string> sets = {}) {
  Config c = lcsynth::parse_config(kMinimal, "test.json");
  for (const auto& s : sets) apply_set(c, s);
  return c;
}

std::string error_of(const Config& c) {
  try {
    load_librechat_config(c);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "<no error>";
}

size_t line_count(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1; }

std::string example(const char* name) { return std::string(LCSYNTH_SOURCE_DIR) + "/examples/librechat/" + name; }

const std::string kSecretPolicy =
    ": looks like a secret; secrets never go in the configuration or the synthesized output: store it in SSM Parameter "
    "Store and list its parameter under \"secrets\"";
}  // namespace

TEST_CASE("a minimal configuration with only the required keys gets the spec's defaults", "[librechat_config]") {
  LibreChatConfig c = load_librechat_config(minimal_with());
  CHECK(c.environment == "dev");
  CHECK(c.region == "eu-west-1");
  CHECK(c.account_id == "123456789012");
  CHECK(c.custom_domain == "lambda-test.sandbox.data.apro.is");
  CHECK(c.route53_zone_id == "Z0123456789ABCDEFGHIJ");
  CHECK(c.vpc_id == "vpc-0a1b2c3d4e5f60718");
  CHECK(c.private_subnet_ids == std::vector<std::string>{"subnet-0a1b2c3d4e5f60001"});
  CHECK(c.config_s3_bucket == "genai-shared-config");
  CHECK(c.config_s3_key == "lambda-test/librechat.yaml");
  CHECK(c.ecr_repository_name == "librechat-lambda-api");
  CHECK(c.files_bucket() == "librechat-lambda-files-dev");
  CHECK(c.frontend_bucket() == "librechat-frontend-dev");
  CHECK(c.lambda.function_name == "librechat-api");
  CHECK(c.lambda.memory_size == 1024);
  CHECK(c.lambda.timeout == 900);
  CHECK(c.lambda.image_tag == "latest");
  CHECK_FALSE(c.lambda.image_uri.has_value());
  CHECK(c.lambda.https_egress_cidrs == std::vector<std::string>{"0.0.0.0/0"});
  CHECK(c.lambda.environment.empty());
  CHECK(c.services.litellm_base_url == "http://litellm.dev-aprochat-core.local:4000/v1");
  CHECK(c.services.firecrawl_api_url == "http://firecrawl.dev-aprochat-core.local:3002");
  CHECK(c.redis.replication_group_id == "librechat-lambda-redis");
  CHECK(c.redis.node_type == "cache.t4g.micro");
  CHECK(c.redis.engine_version == "7.1");
  CHECK(c.api.name == "librechat-rest-api");
  CHECK(c.api.stage_name == "prod");
  CHECK(c.frontend.spa_routing == SpaRouting::kFunction);
  CHECK(c.tags.empty());
  REQUIRE(std::holds_alternative<LocalBackend>(c.backend));
  CHECK(std::get<LocalBackend>(c.backend).path.empty());
}

TEST_CASE("without a secrets object the spec's 11 parameters become ARNs in the region and account", "[librechat_config]") {
  REQUIRE(spec_secret_parameters().size() == 11);
  CHECK(spec_secret_parameters().at("CREDS_IV") == "/ecs/genai/librechat/CREDS_IV");
  CHECK(spec_secret_parameters().at("MONGO_URI") == "/ecs/genai/mongo/DB_URI");
  CHECK(spec_secret_parameters().at("FIRECRAWL_API_KEY") == "/ecs/genai/firecrawl/test_api_key");

  LibreChatConfig c = load_librechat_config(minimal_with({"region=eu-north-1"}));
  REQUIRE(c.ssm_parameter_arns.size() == 11);
  for (const auto& [name, parameter] : spec_secret_parameters())
    CHECK(c.ssm_parameter_arns.at(name) == "arn:aws:ssm:eu-north-1:123456789012:parameter" + parameter);
  CHECK(c.ssm_parameter_arns.at("OPENID_SESSION_SECRET") ==
        "arn:aws:ssm:eu-north-1:123456789012:parameter/ecs/genai/cognito/idp/session_secret");
}

TEST_CASE("a secrets object replaces the spec's list, keeping ARNs and completing parameter names", "[librechat_config]") {
  Config config = minimal_with();
  config.values["secrets"] = {{"MONGO_URI", "arn:aws:ssm:eu-west-1:999988887777:parameter/shared/mongo/DB_URI"},
                              {"JWT_SECRET", "/prod/librechat/JWT_SECRET"}};
  LibreChatConfig c = load_librechat_config(config);
  CHECK(c.ssm_parameter_arns == std::map<std::string, std::string>{
                                    {"JWT_SECRET", "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/librechat/JWT_SECRET"},
                                    {"MONGO_URI", "arn:aws:ssm:eu-west-1:999988887777:parameter/shared/mongo/DB_URI"},
                                });
}

TEST_CASE("parameter names in GovCloud become ARNs of the aws-us-gov partition", "[librechat_config]") {
  LibreChatConfig c = load_librechat_config(minimal_with({"region=us-gov-west-1", "secrets.CREDS_IV=/x/CREDS_IV"}));
  CHECK(c.ssm_parameter_arns.at("CREDS_IV") == "arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/x/CREDS_IV");
}

TEST_CASE("every kind of validated value is refused with its own message", "[librechat_config]") {
  auto [assignment, expected] = GENERATE(table<std::string, std::string>({
      {"environment=Dev", "environment: expected 1-16 characters of a-z 0-9 - starting with a letter or digit, found \"Dev\""},
      {"environment=a-very-long-environment", "environment: expected 1-16 characters of a-z 0-9 - starting with a letter or digit, found \"a-very-long-environment\""},
      {"region=eu-west", "region: expected an AWS region such as \"eu-west-1\", found \"eu-west\""},
      {"region=eu--1", "region: expected an AWS region such as \"eu-west-1\", found \"eu--1\""},
      {"region=us-gov-west-east-1", "region: expected an AWS region such as \"eu-west-1\", found \"us-gov-west-east-1\""},
      {"region=us-iso1-east-1", "region: expected an AWS region such as \"eu-west-1\", found \"us-iso1-east-1\""},
      {"region=e-west-1", "region: expected an AWS region such as \"eu-west-1\", found \"e-west-1\""},
      {"region=eu-west-1a", "region: expected an AWS region such as \"eu-west-1\", found \"eu-west-1a\""},
      {"environment=-dev", "environment: expected 1-16 characters of a-z 0-9 - starting with a letter or digit, found \"-dev\""},
      {"route53_zone_id=Z", "route53_zone_id: expected a Route 53 hosted zone id: \"Z\" and 1-31 of A-Z 0-9, found \"Z\""},
      {"route53_zone_id=Z0123abc", "route53_zone_id: expected a Route 53 hosted zone id: \"Z\" and 1-31 of A-Z 0-9, found \"Z0123abc\""},
      {"account_id=\"1234\"", "account_id: expected a 12-digit AWS account id, found \"1234\""},
      {"custom_domain=Chat.example.com", "custom_domain: expected a DNS name such as \"chat.example.com\", found \"Chat.example.com\": use lowercase letters"},
      {"custom_domain=localhost", "custom_domain: expected a DNS name such as \"chat.example.com\", found \"localhost\": it needs at least two labels"},
      {"custom_domain=-chat.example.com", "custom_domain: expected a DNS name such as \"chat.example.com\", found \"-chat.example.com\": label \"-chat\" starts or ends with \"-\""},
      {"custom_domain=chat..example.com", "custom_domain: expected a DNS name such as \"chat.example.com\", found \"chat..example.com\": it has an empty label"},
      {"custom_domain=chat_1.example.com", "custom_domain: expected a DNS name such as \"chat.example.com\", found \"chat_1.example.com\": only a-z 0-9 - and . are allowed"},
      {"acm_certificate_arn=arn:aws:acm:us-east-1:123456789012:certificate/abc", "acm_certificate_arn: expected an ACM certificate ARN such as \"arn:aws:acm:us-east-1:123456789012:certificate/<uuid>\", found \"arn:aws:acm:us-east-1:123456789012:certi...\""},
      {"acm_certificate_arn=arn:aws:acm:us-east-1:210987654321:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47", "acm_certificate_arn: expected a certificate of account 123456789012 (account_id), found one of account 210987654321"},
      {"route53_zone_id=/hostedzone/Z0123", "route53_zone_id: expected a Route 53 hosted zone id: \"Z\" and 1-31 of A-Z 0-9, found \"/hostedzone/Z0123\""},
      {"vpc_id=vpc-123", "vpc_id: expected a VPC id: \"vpc-\" and 8 or 17 hex digits, found \"vpc-123\""},
      {"private_subnet_ids=[\"subnet-0a1b2c3d\", \"subnet-XYZ\"]", "private_subnet_ids[1]: expected a subnet id: \"subnet-\" and 8 or 17 hex digits, found \"subnet-XYZ\""},
      {"private_subnet_ids=[\"subnet-0a1b2c3d\", \"subnet-0a1b2c3d\"]", "private_subnet_ids[1]: expected each item once, found \"subnet-0a1b2c3d\" again (first at private_subnet_ids[0])"},
      {"private_subnet_ids=[]", "private_subnet_ids: expected a non-empty array of strings, found an empty array"},
      {"config_s3_bucket=Shared_Config", "config_s3_bucket: expected an S3 bucket name, found \"Shared_Config\": only lowercase letters, digits, . and - are allowed"},
      {"config_s3_bucket=ab", "config_s3_bucket: expected an S3 bucket name, found \"ab\": it must be 3-63 characters long"},
      {"config_s3_bucket=-config", "config_s3_bucket: expected an S3 bucket name, found \"-config\": it must start and end with a letter or digit"},
      {"config_s3_bucket=shared..config", "config_s3_bucket: expected an S3 bucket name, found \"shared..config\": it must not contain \"..\""},
      {"files_bucket_name=192.168.1.10", "files_bucket_name: expected an S3 bucket name, found \"192.168.1.10\": it must not be formatted like an IP address"},
      {"frontend.bucket_name=xn--frontend", "frontend.bucket_name: expected an S3 bucket name, found \"xn--frontend\": the prefix \"xn--\" is reserved"},
      {"frontend.bucket_name=frontend-s3alias", "frontend.bucket_name: expected an S3 bucket name, found \"frontend-s3alias\": the suffix \"-s3alias\" is reserved"},
      {"config_s3_key=/lambda-test/librechat.yaml", "config_s3_key: expected an S3 object key without a leading \"/\", found \"/lambda-test/librechat.yaml\""},
      {"config_s3_key=\"\"", "config_s3_key: expected an S3 object key without a leading \"/\", found \"\""},
      {"ecr_repository_name=LibreChat", "ecr_repository_name: expected an ECR repository name: 2-256 characters, groups of a-z 0-9 joined by one of . _ - /, found \"LibreChat\""},
      {"secrets.CREDS_IV=ecs/genai/CREDS_IV", "secrets.CREDS_IV: expected an SSM parameter name starting with \"/\" or a parameter ARN \"arn:aws:ssm:<region>:<account>:parameter/<name>\", found \"ecs/genai/CREDS_IV\""},
      {"secrets.2FA_KEY=/x", "secrets.2FA_KEY: expected an environment variable name: A-Z a-z 0-9 _, not starting with a digit, found \"2FA_KEY\""},
      {"lambda.function_name=librechat api", "lambda.function_name: expected 1-64 characters of A-Z a-z 0-9 _ -, found \"librechat api\""},
      {"lambda.memory_size=64", "lambda.memory_size: expected an integer from 128 to 10240, found 64"},
      {"lambda.timeout=901", "lambda.timeout: expected an integer from 1 to 900, found 901"},
      {"lambda.image_tag=.latest", "lambda.image_tag: expected a Docker tag: 1-128 characters of A-Z a-z 0-9 _ . - not starting with . or -, found \".latest\""},
      {"lambda.image_uri=librechat:latest", "lambda.image_uri: expected an image URI \"<registry>/<repository>[:<tag>|@sha256:<64 hex digits>]\", found \"librechat:latest\""},
      {"lambda.image_uri=ghcr.io/danny-avila/librechat-api@sha256:abc", "lambda.image_uri: expected an image URI \"<registry>/<repository>[:<tag>|@sha256:<64 hex digits>]\", found \"ghcr.io/danny-avila/librechat-api@sha256...\""},
      {"lambda.security_group_name=sg-librechat", "lambda.security_group_name: expected a security group name: 1-255 characters, not starting with \"sg-\", found \"sg-librechat\""},
      {"lambda.role_name=librechat role", "lambda.role_name: expected an IAM role name: 1-64 characters of A-Z a-z 0-9 + = , . @ _ -, found \"librechat role\""},
      {"lambda.policy_name=policy#1", "lambda.policy_name: expected an IAM policy name: 1-128 characters of A-Z a-z 0-9 + = , . @ _ -, found \"policy#1\""},
      {"lambda.https_egress_cidrs=[\"10.0.0.1/8\"]", "lambda.https_egress_cidrs[0]: expected a network address with the host bits zero, found \"10.0.0.1/8\" (did you mean \"10.0.0.0/8\"?)"},
      {"lambda.https_egress_cidrs=[\"0.0.0.0/0\", \"10.0.0.256/24\"]", "lambda.https_egress_cidrs[1]: expected an IPv4 CIDR block such as \"10.0.0.0/8\", found \"10.0.0.256/24\": 256 is not an octet (0-255)"},
      {"lambda.https_egress_cidrs=[\"10.0.0.0/33\"]", "lambda.https_egress_cidrs[0]: expected an IPv4 CIDR block such as \"10.0.0.0/8\", found \"10.0.0.0/33\": the prefix length must be 0-32"},
      {"lambda.https_egress_cidrs=[\"10.0.0.0\"]", "lambda.https_egress_cidrs[0]: expected an IPv4 CIDR block such as \"10.0.0.0/8\", found \"10.0.0.0\""},
      {"lambda.https_egress_cidrs=[\"010.0.0.0/8\"]", "lambda.https_egress_cidrs[0]: expected an IPv4 CIDR block such as \"10.0.0.0/8\", found \"010.0.0.0/8\""},
      {"lambda.environment.LOG-LEVEL=debug", "lambda.environment.LOG-LEVEL: expected an environment variable name: A-Z a-z 0-9 _, not starting with a digit, found \"LOG-LEVEL\""},
      {"services.rag_api_url=rag-api.local:8000", "services.rag_api_url: expected an http:// or https:// URL such as \"http://litellm.internal:4000/v1\", found \"rag-api.local:8000\""},
      {"services.meili_host=http://meili.local:77000", "services.meili_host: expected an http:// or https:// URL such as \"http://litellm.internal:4000/v1\", found \"http://meili.local:77000\": the port must be 1-65535"},
      {"redis.replication_group_id=librechat--redis", "redis.replication_group_id: expected 1-40 characters of a-z 0-9 -, starting with a letter, without \"--\" or a trailing \"-\", found \"librechat--redis\""},
      {"redis.replication_group_id=librechat-redis-", "redis.replication_group_id: expected 1-40 characters of a-z 0-9 -, starting with a letter, without \"--\" or a trailing \"-\", found \"librechat-redis-\""},
      {"redis.replication_group_id=1redis", "redis.replication_group_id: expected 1-40 characters of a-z 0-9 -, starting with a letter, without \"--\" or a trailing \"-\", found \"1redis\""},
      {"redis.replication_group_id=" + std::string(41, 'r'), "redis.replication_group_id: expected 1-40 characters of a-z 0-9 -, starting with a letter, without \"--\" or a trailing \"-\", found \"" + std::string(40, 'r') + "...\""},
      {"redis.node_type=t4g.micro", "redis.node_type: expected an ElastiCache node type such as \"cache.t4g.micro\", found \"t4g.micro\""},
      {"redis.engine_version=\"7\"", "redis.engine_version: expected a Redis engine version such as \"7.1\", found \"7\""},
      {"api.name=\"\"", "api.name: expected an API name of 1-1024 characters, found \"\""},
      {"api.stage_name=$default", "api.stage_name: expected 1-128 characters of A-Z a-z 0-9 _ -, found \"$default\""},
      {"frontend.spa_routing=errors", "frontend.spa_routing: expected one of \"function\", \"error-responses\", found \"errors\""},
      {"tags.aws:owner=me", "tags[\"aws:owner\"]: expected a tag key not starting with \"aws:\" (reserved for AWS), found \"aws:owner\""},
      {"tags.Owner=" + std::string(257, 'v'), "tags.Owner: expected a tag value of at most 256 characters, found \"" + std::string(40, 'v') + "...\""},
      {"backend={\"type\": \"local\", \"path\": \"/var/lib/librechat.tfstate\"}", "backend.path: expected a path relative to the stack's working directory, found \"/var/lib/librechat.tfstate\""},
      {"backend={\"type\": \"s3\", \"bucket\": \"state\", \"key\": \"/librechat.tfstate\"}", "backend.key: expected an S3 object key not starting or ending with \"/\", found \"/librechat.tfstate\""},
      {"backend={\"type\": \"s3\", \"bucket\": \"st\", \"key\": \"k\"}", "backend.bucket: expected an S3 bucket name, found \"st\": it must be 3-63 characters long"},
      {"backend={\"type\": \"s3\", \"bucket\": \"state\", \"key\": \"k\", \"region\": \"EU\"}", "backend.region: expected an AWS region such as \"eu-west-1\", found \"EU\""},
      {"backend={\"type\": \"s3\", \"bucket\": \"state\", \"key\": \"k\", \"workspace_key_prefix\": \"/env\"}", "backend.workspace_key_prefix: expected a prefix not starting or ending with \"/\", found \"/env\""},
  }));
  CAPTURE(assignment);
  CHECK(error_of(minimal_with({assignment})) == "test.json: " + expected);
}

TEST_CASE("valid values of every validated kind are accepted", "[librechat_config]") {
  auto assignment = GENERATE(as<std::string>{},  //
                             "environment=prod-2", "region=us-gov-west-1", "region=ap-southeast-2", "region=us-isob-east-1",
                             "region=us-iso-west-1", "region=us-gov-1", "environment=\"7\"",
                             "custom_domain=chat.data.apro.is", "private_subnet_ids=[\"subnet-0a1b2c3d\"]",
                             "vpc_id=vpc-0a1b2c3d", "config_s3_bucket=my.config.bucket-1",
                             "lambda.image_tag=v0.8.2-rc1", "lambda.image_tag=_build.7",
                             "lambda.image_uri=123456789012.dkr.ecr.eu-west-1.amazonaws.com/librechat-lambda-api:v1",
                             "lambda.image_uri=ghcr.io/danny-avila/librechat-api@sha256:" + std::string(64, 'a'),
                             "lambda.image_uri=localhost:5000/team/api",
                             "lambda.https_egress_cidrs=[\"10.0.0.0/8\", \"192.168.4.0/22\", \"1.2.3.4/32\"]",
                             "lambda.https_egress_cidrs=[]", "lambda.memory_size=10240", "lambda.timeout=1",
                             "lambda.environment.AWS_NODEJS_CONNECTION_REUSE_ENABLED=\"1\"",
                             "services.rag_api_url=https://rag.example.com", "redis.engine_version=\"6.2\"",
                             "redis.node_type=cache.r7g.large", "redis.replication_group_id=r",
                             "api.stage_name=v1_beta-2", "frontend.spa_routing=error-responses",
                             "tags.Owner=" + std::string(256, 'v'), "ecr_repository_name=team/librechat_api");
  CAPTURE(assignment);
  CHECK(error_of(minimal_with({assignment})) == "<no error>");
}

// The patterns bound lengths with a maximum length beside "+" or "*" rather than "{m,n}" (which
// RE2 compiles into n copies): each bound holds at its limit and one past it.
TEST_CASE("length bounds of validated values hold at their limits", "[librechat_config]") {
  auto [key, prefix, limit, expected] = GENERATE(table<std::string, std::string, size_t, std::string>({
      {"environment", "", 16, "expected 1-16 characters of a-z 0-9 - starting with a letter or digit"},
      {"route53_zone_id", "Z", 32, "expected a Route 53 hosted zone id: \"Z\" and 1-31 of A-Z 0-9"},
      {"lambda.function_name", "", 64, "expected 1-64 characters of A-Z a-z 0-9 _ -"},
      {"lambda.image_tag", "", 128, "expected a Docker tag: 1-128 characters of A-Z a-z 0-9 _ . - not starting with . or -"},
      {"lambda.image_uri", "ghcr.io/danny-avila/librechat-api:", 34 + 128,
       "expected an image URI \"<registry>/<repository>[:<tag>|@sha256:<64 hex digits>]\""},
      {"lambda.image_uri", "ghcr.io/danny-avila/librechat-api@sha256:", 41 + 64,
       "expected an image URI \"<registry>/<repository>[:<tag>|@sha256:<64 hex digits>]\""},
      {"lambda.security_group_name", "", 255, "expected a security group name: 1-255 characters, not starting with \"sg-\""},
      {"lambda.role_name", "", 64, "expected an IAM role name: 1-64 characters of A-Z a-z 0-9 + = , . @ _ -"},
      {"lambda.policy_name", "", 128, "expected an IAM policy name: 1-128 characters of A-Z a-z 0-9 + = , . @ _ -"},
  }));
  CAPTURE(key, limit);
  REQUIRE(prefix.size() < limit);
  std::string at_limit = prefix + std::string(limit - prefix.size(), key == "route53_zone_id" ? 'A' : 'a');
  CHECK(error_of(minimal_with({key + "=" + at_limit})) == "<no error>");
  auto refused = [&](const std::string& value) { return "test.json: " + key + ": " + expected + ", found " + lcsynth::quote_value(value); };
  std::string over = at_limit + at_limit.back();
  CHECK(error_of(minimal_with({key + "=" + over})) == refused(over));
  if (prefix.find("@sha256:") != std::string::npos) {  // a digest one short is refused too
    std::string short_digest = prefix + std::string(63, 'a');
    CHECK(error_of(minimal_with({key + "=" + short_digest})) == refused(short_digest));
  }
}

TEST_CASE("a certificate outside us-east-1 is refused because CloudFront only reads us-east-1", "[librechat_config]") {
  Config c = minimal_with(
      {"acm_certificate_arn=arn:aws:acm:eu-west-1:123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47"});
  CHECK(error_of(c) ==
        "test.json: acm_certificate_arn: expected an ACM certificate in us-east-1, found one in eu-west-1: CloudFront "
        "only uses certificates from us-east-1 (N. Virginia); request or import the certificate there and use its ARN");
}

TEST_CASE("missing required keys are each reported", "[librechat_config]") {
  Config c = lcsynth::parse_config("{}", "test.json");
  CHECK(error_of(c) ==
        "test.json: account_id: missing required key: expected a string\n"
        "test.json: acm_certificate_arn: missing required key: expected a string\n"
        "test.json: route53_zone_id: missing required key: expected a string\n"
        "test.json: vpc_id: missing required key: expected a string\n"
        "test.json: private_subnet_ids: missing required key: expected a non-empty array of strings");
}

TEST_CASE("unknown keys at the top level and nested get a did-you-mean", "[librechat_config]") {
  Config c = minimal_with({"regoin=eu-west-1", "lambda.memroy_size=2048", "backend.type=s3", "backend.bucket=state",
                           "backend.key=k", "backend.use_lock_file=true", "redis.flavour=big"});
  CHECK(error_of(c) ==
        "test.json: regoin: unknown key 'regoin' (did you mean 'region'?)\n"
        "test.json: lambda.memroy_size: unknown key 'memroy_size' (did you mean 'memory_size'?)\n"
        "test.json: redis.flavour: unknown key 'flavour': expected one of engine_version, node_type, replication_group_id\n"
        "test.json: backend.use_lock_file: unknown key 'use_lock_file' (did you mean 'use_lockfile'?)");
}

TEST_CASE("values of the wrong type say what was expected and what was found", "[librechat_config]") {
  Config c = minimal_with({"lambda.memory_size=\"2048\"", "private_subnet_ids=\"subnet-0a1b2c3d\"", "tags=[]",
                           "services=true", "account_id=123456789012"});
  CHECK(error_of(c) ==
        "test.json: account_id: expected a string, found number 123456789012\n"
        "test.json: private_subnet_ids: expected a non-empty array of strings, found \"subnet-0a1b2c3d\"\n"
        "test.json: lambda.memory_size: expected an integer from 128 to 10240, found \"2048\"\n"
        "test.json: services: expected an object, found boolean true\n"
        "test.json: tags: expected an object whose values are strings, found an empty array");
}

TEST_CASE("every problem in a file is reported in one ConfigError, one per line", "[librechat_config]") {
  Config c = minimal_with({"environment=Dev", "lambda.memory_size=64", "lambda.timeout=0", "redis.node_type=big",
                           "api.stag_name=v1", "vpc_id=vpc-1"});
  std::string text = error_of(c);
  CHECK(line_count(text) == 6);
  CHECK(text ==
        "test.json: environment: expected 1-16 characters of a-z 0-9 - starting with a letter or digit, found \"Dev\"\n"
        "test.json: vpc_id: expected a VPC id: \"vpc-\" and 8 or 17 hex digits, found \"vpc-1\"\n"
        "test.json: lambda.memory_size: expected an integer from 128 to 10240, found 64\n"
        "test.json: lambda.timeout: expected an integer from 1 to 900, found 0\n"
        "test.json: redis.node_type: expected an ElastiCache node type such as \"cache.t4g.micro\", found \"big\"\n"
        "test.json: api.stag_name: unknown key 'stag_name' (did you mean 'stage_name'?)");
}

TEST_CASE("secret-looking keys with literal values are refused anywhere in the file", "[librechat_config]") {
  Config c = minimal_with({"tags.ApiToken=abc", "lambda.environment.OPENAI_API_KEY=sk-123", "services.db_password=pw"});
  CHECK(error_of(c) == "test.json: lambda.environment.OPENAI_API_KEY" + kSecretPolicy + "\n" +
                           "test.json: services.db_password" + kSecretPolicy + "\n" +
                           "test.json: tags.ApiToken" + kSecretPolicy + "\n" +
                           "test.json: services.db_password: unknown key 'db_password': expected one of firecrawl_api_url, "
                           "litellm_base_url, meili_host, rag_api_url, searxng_instance_url");
}

TEST_CASE("the secrets object and a KMS key id are not mistaken for secret values", "[librechat_config]") {
  Config c = minimal_with({"secrets.JWT_SECRET=/ecs/genai/librechat/JWT_SECRET", "backend.type=s3",
                           "backend.bucket=state", "backend.key=k",
                           "backend.kms_key_id=arn:aws:kms:eu-west-1:123456789012:key/abc"});
  CHECK(error_of(c) == "<no error>");
}

TEST_CASE("reserved Lambda variable names are refused with the reason", "[librechat_config]") {
  auto name = GENERATE(as<std::string>{}, "AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME", "_HANDLER", "LAMBDA_TASK_ROOT",
                       "AWS_EXECUTION_ENV");
  CAPTURE(name);
  CHECK(error_of(minimal_with({"lambda.environment." + name + "=x"})) ==
        "test.json: lambda.environment." + name + ": expected a variable name that AWS Lambda does not reserve, found \"" +
            name + "\": Lambda sets it itself and refuses to create a function that sets it");
}

TEST_CASE("a variable cannot be both plain and a secret", "[librechat_config]") {
  CHECK(error_of(minimal_with({"lambda.environment.MONGO_URI=mongodb://docdb:27017"})) ==
        "test.json: lambda.environment.MONGO_URI: expected each variable once, found \"MONGO_URI\" here and under "
        "\"secrets\": a variable is either plain or a secret");
}

TEST_CASE("image_tag and image_uri together are refused", "[librechat_config]") {
  CHECK(error_of(minimal_with({"lambda.image_tag=v1", "lambda.image_uri=ghcr.io/danny-avila/librechat-api:v1"})) ==
        "test.json: lambda.image_tag: expected image_tag or image_uri, found both: image_uri already names the image, "
        "tag included");
}

TEST_CASE("an S3 backend gets locking, encryption and the stack's region by default", "[librechat_config]") {
  LibreChatConfig c = load_librechat_config(
      minimal_with({"region=eu-central-1", "backend.type=s3", "backend.bucket=apro-terraform-state",
                    "backend.key=librechat/dev.tfstate"}));
  REQUIRE(std::holds_alternative<S3Backend>(c.backend));
  const auto& b = std::get<S3Backend>(c.backend);
  CHECK(b.bucket == "apro-terraform-state");
  CHECK(b.key == "librechat/dev.tfstate");
  CHECK(b.region == "eu-central-1");
  CHECK(b.use_lockfile);
  CHECK(b.encrypt);
  CHECK_FALSE(b.kms_key_id.has_value());
  CHECK_FALSE(b.workspace_key_prefix.has_value());
}

TEST_CASE("an S3 backend needs a bucket and a key", "[librechat_config]") {
  CHECK(error_of(minimal_with({"backend.type=s3"})) ==
        "test.json: backend.bucket: missing required key: expected a string\n"
        "test.json: backend.key: missing required key: expected a string");
}

TEST_CASE("a local backend keeps its relative path", "[librechat_config]") {
  LibreChatConfig c = load_librechat_config(minimal_with({"backend.type=local", "backend.path=state/librechat.tfstate"}));
  REQUIRE(std::holds_alternative<LocalBackend>(c.backend));
  CHECK(std::get<LocalBackend>(c.backend).path == "state/librechat.tfstate");
}

TEST_CASE("an unknown backend type suggests the nearest one and its other keys are not reported", "[librechat_config]") {
  CHECK(error_of(minimal_with({"backend.type=s4", "backend.bucket=state"})) ==
        "test.json: backend.type: expected one of \"local\", \"s3\", found \"s4\" (did you mean 's3'?)");
  CHECK(error_of(minimal_with({"backend.bucket=state"})) ==
        "test.json: backend.type: missing required key: expected one of \"local\", \"s3\"");
}

TEST_CASE("a tag value with ${ is kept verbatim", "[librechat_config]") {
  LibreChatConfig c = load_librechat_config(minimal_with({"tags.Note=${not.a.reference} %{x}"}));
  CHECK(c.tags.at("Note") == "${not.a.reference} %{x}");
}

TEST_CASE("explicit bucket names and error-response routing replace the derived defaults", "[librechat_config]") {
  LibreChatConfig c = load_librechat_config(minimal_with(
      {"environment=staging", "files_bucket_name=team-files", "frontend.spa_routing=error-responses"}));
  CHECK(c.files_bucket() == "team-files");
  CHECK(c.frontend_bucket() == "librechat-frontend-staging");
  CHECK(c.frontend.spa_routing == SpaRouting::kErrorResponses);
}

TEST_CASE("both example configurations load without error", "[librechat_config]") {
  auto name = GENERATE("dev.json", "prod.json");
  CAPTURE(name);
  Config config = lcsynth::load_config_file(example(name));
  CHECK_NOTHROW(load_librechat_config(config));
}

TEST_CASE("the dev example's values come through", "[librechat_config]") {
  LibreChatConfig c = load_librechat_config(lcsynth::load_config_file(example("dev.json")));
  CHECK(c.environment == "dev");
  CHECK(c.region == "eu-west-1");
  CHECK(c.account_id == "123456789012");
  CHECK(c.custom_domain == "lambda-test.sandbox.data.apro.is");
  CHECK(c.private_subnet_ids == std::vector<std::string>{"subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"});
  CHECK(c.tags == std::map<std::string, std::string>{{"Environment", "dev"}, {"ManagedBy", "lcsynth"}, {"Project", "LibreChat"}});
  CHECK(c.ssm_parameter_arns.at("CREDS_IV") == "arn:aws:ssm:eu-west-1:123456789012:parameter/ecs/genai/librechat/CREDS_IV");
  CHECK(std::holds_alternative<LocalBackend>(c.backend));
}

TEST_CASE("the prod example differs where production does", "[librechat_config]") {
  LibreChatConfig c = load_librechat_config(lcsynth::load_config_file(example("prod.json")));
  CHECK(c.environment == "prod");
  CHECK(c.custom_domain == "chat.data.apro.is");
  CHECK(c.private_subnet_ids.size() == 3);
  CHECK(c.lambda.memory_size == 2048);
  CHECK(c.lambda.image_tag == "v0.8.2-rc1");
  CHECK(c.redis.node_type == "cache.t4g.small");
  CHECK(c.frontend_bucket() == "librechat-frontend-prod");
  CHECK(c.tags.at("CostCenter") == "genai-platform");
  CHECK(c.ssm_parameter_arns.size() == 11);
  CHECK(c.ssm_parameter_arns.at("MONGO_URI") == "arn:aws:ssm:eu-west-1:345678901234:parameter/prod/genai/mongo/DB_URI");
  CHECK(c.ssm_parameter_arns.at("CREDS_IV") == "arn:aws:ssm:eu-west-1:345678901234:parameter/ecs/genai/librechat/CREDS_IV");
  REQUIRE(std::holds_alternative<S3Backend>(c.backend));
  CHECK(std::get<S3Backend>(c.backend).bucket == "apro-terraform-state-prod");
  CHECK(std::get<S3Backend>(c.backend).use_lockfile);
}

TEST_CASE("lambda.environment cannot override a variable the stack sets", "[librechat_config]") {
  nlohmann::json values = nlohmann::json::parse(lcsynth::test::read_text(std::string(LCSYNTH_SOURCE_DIR) + "/examples/librechat/dev.json"));
  values["lambda"] = {{"environment", {{"REDIS_URI", "redis://elsewhere:6379"}, {"EXTRA", "ok"}}}};
  try {
    load_librechat_config(lcsynth::Config{values, "dev.json"});
    FAIL("expected a ConfigError");
  } catch (const lcsynth::ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "dev.json: lambda.environment: \"REDIS_URI\" is set by the stack from the redis module's endpoint; change that "
          "instead of overriding it here");
  }
}

// VPC and subnet ids and the certificate ARN's account and id are checked by hand rather than by
// counted repetitions (which RE2 compiles into as many copies): each length holds exactly.
TEST_CASE("EC2 ids take 8 or 17 lowercase hex digits, a certificate ARN a 12-digit account and an 8-4-4-4-12 id", "[librechat_config]") {
  const std::string cert = "acm_certificate_arn=arn:aws:acm:us-east-1:";
  auto accepted = GENERATE_COPY(as<std::string>{}, "vpc_id=vpc-0a1b2c3d", "vpc_id=vpc-0a1b2c3d4e5f60718",
                                "private_subnet_ids=[\"subnet-abcdef01\", \"subnet-0a1b2c3d4e5f60001\"]",
                                cert + "123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47");
  CAPTURE(accepted);
  CHECK(error_of(minimal_with({accepted})) == "<no error>");
}

TEST_CASE("EC2 ids of other lengths, cases or prefixes and certificate ARNs of other shapes are refused", "[librechat_config]") {
  const std::string cert = "acm_certificate_arn=arn:aws:acm:us-east-1:";
  const std::string kCertificate = "acm_certificate_arn: expected an ACM certificate ARN such as "
                                   "\"arn:aws:acm:us-east-1:123456789012:certificate/<uuid>\", found \"";  // the value cut at 40
  auto [refused, message] = GENERATE_COPY(table<std::string, std::string>({
      {"vpc_id=vpc-0a1b2c3", "vpc_id: expected a VPC id: \"vpc-\" and 8 or 17 hex digits, found \"vpc-0a1b2c3\""},
      {"vpc_id=vpc-0a1b2c3d4", "vpc_id: expected a VPC id: \"vpc-\" and 8 or 17 hex digits, found \"vpc-0a1b2c3d4\""},
      {"vpc_id=vpc-0a1b2c3d4e5f6071", "vpc_id: expected a VPC id: \"vpc-\" and 8 or 17 hex digits, found \"vpc-0a1b2c3d4e5f6071\""},
      {"vpc_id=vpc-0a1b2c3d4e5f607189", "vpc_id: expected a VPC id: \"vpc-\" and 8 or 17 hex digits, found \"vpc-0a1b2c3d4e5f607189\""},
      {"vpc_id=vpc-0A1B2C3D", "vpc_id: expected a VPC id: \"vpc-\" and 8 or 17 hex digits, found \"vpc-0A1B2C3D\""},
      {"vpc_id=subnet-0a1b2c3d", "vpc_id: expected a VPC id: \"vpc-\" and 8 or 17 hex digits, found \"subnet-0a1b2c3d\""},
      {"private_subnet_ids=[\"subnet-0a1b2c3g\"]", "private_subnet_ids[0]: expected a subnet id: \"subnet-\" and 8 or 17 hex digits, found \"subnet-0a1b2c3g\""},
      {"private_subnet_ids=[\"vpc-0a1b2c3d\"]", "private_subnet_ids[0]: expected a subnet id: \"subnet-\" and 8 or 17 hex digits, found \"vpc-0a1b2c3d\""},
      {"acm_certificate_arn=arn:aws:acm:us-east:123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47", kCertificate + std::string("arn:aws:acm:us-east:123456789012:certificate").substr(0, 40) + "...\""},
      {"acm_certificate_arn=arn:aws:acm:US-EAST-1:123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47", kCertificate + std::string("arn:aws:acm:US-EAST-1:123456789012:certificate").substr(0, 40) + "...\""},
      {cert + "12345678901:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47", kCertificate + (cert.substr(20) + "12345678901:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47").substr(0, 40) + "...\""},
      {cert + "123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c4", kCertificate + (cert.substr(20) + "123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c4").substr(0, 40) + "...\""},
      {cert + "123456789012:certificate/3f2b8c1e7-a4d-4e9b-9c2f-5d8e1a6b0c47", kCertificate + (cert.substr(20) + "123456789012:certificate/3f2b8c1e7-a4d-4e9b-9c2f-5d8e1a6b0c47").substr(0, 40) + "...\""},
      {cert + "123456789012:certificate/3F2B8C1E-7A4D-4E9B-9C2F-5D8E1A6B0C47", kCertificate + (cert.substr(20) + "123456789012:certificate/3F2B8C1E-7A4D-4E9B-9C2F-5D8E1A6B0C47").substr(0, 40) + "...\""},
      {cert + "1234:56789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47", kCertificate + (cert.substr(20) + "1234:56789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47").substr(0, 40) + "...\""},
      {cert + "123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47:x", kCertificate + (cert.substr(20) + "123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47:x").substr(0, 40) + "...\""},
      {cert + "123456789012:cert/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47", kCertificate + (cert.substr(20) + "123456789012:cert/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47").substr(0, 40) + "...\""},
      {"acm_certificate_arn=arn:aws:acm:", kCertificate + std::string("arn:aws:acm:\"")},
  }));
  CAPTURE(refused);
  CHECK(error_of(minimal_with({refused})) == "test.json: " + message);
}
