// The librechat stack's wiring, as module-interfaces.md draws it: which module output feeds
// which module input, the redis <-> backend loop closed without a resource-level cycle, and
// the module interfaces as the spec's tables, plus the backend's repository URL and the names
// AWS wants unique per account (passed in, so that one module source serves every environment).

#include <catch2/catch.hpp>

#include "lcsynth/testing_catch2.h"
#include "librechat/fixture.h"

using lcsynth::test::LibreChat;
using nlohmann::json;

namespace {
std::vector<std::string> keys(const json& object) {
  std::vector<std::string> out;
  for (const auto& [k, v] : object.items()) out.push_back(k);
  return out;
}
}  // namespace

TEST_CASE("backend takes redis's security group and endpoint", "[librechat][wiring]") {
  auto lc = LibreChat::synth();
  CHECK(lc.root()["module"]["backend"]["redis_endpoint"] == "${module.redis.primary_endpoint_address}");
  CHECK(lc.root()["module"]["backend"]["redis_security_group_id"] == "${module.redis.security_group_id}");
}

TEST_CASE("redis admits the backend's Lambda security group", "[librechat][wiring]") {
  auto lc = LibreChat::synth();
  CHECK(lc.root()["module"]["redis"]["lambda_security_group_id"] == "${module.backend.lambda_security_group_id}");
}

TEST_CASE("api-gateway takes the backend's function ARNs", "[librechat][wiring]") {
  auto lc = LibreChat::synth();
  const json& call = lc.root()["module"]["api_gateway"];
  CHECK(call["lambda_function_arn"] == "${module.backend.lambda_function_arn}");
  CHECK(call["lambda_invoke_arn"] == "${module.backend.lambda_invoke_arn}");
  CHECK(call["lambda_response_streaming_invoke_arn"] == "${module.backend.lambda_response_streaming_invoke_arn}");
  CHECK(call["region"] == "eu-west-1");
}

TEST_CASE("frontend takes api-gateway's invoke URL", "[librechat][wiring]") {
  auto lc = LibreChat::synth();
  CHECK(lc.root()["module"]["frontend"]["api_gateway_endpoint"] == "${module.api_gateway.invoke_url}");
}

TEST_CASE("configuration values reach the module inputs", "[librechat][wiring]") {
  auto lc = LibreChat::synth();
  const json& backend = lc.root()["module"]["backend"];
  CHECK(backend["vpc_id"] == "vpc-0a1b2c3d4e5f60718");
  CHECK(backend["private_subnet_ids"] == json::array({"subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"}));
  CHECK(backend["custom_domain"] == "lambda-test.sandbox.data.apro.is");
  CHECK(backend["ssm_parameter_arns"].size() == 11);
  CHECK(lc.root()["module"]["frontend"]["route53_zone_id"] == "Z0123456789ABCDEFGHIJ");
}

TEST_CASE("each module's inputs and outputs are the spec's tables, plus the backend's repository URL and the names unique per account", "[librechat][wiring]") {
  auto lc = LibreChat::synth();
  using V = std::vector<std::string>;
  CHECK(keys(lc.module("frontend")["variable"]) ==
        V{"acm_certificate_arn", "api_gateway_endpoint", "custom_domain", "environment", "route53_zone_id", "tags"});
  CHECK(keys(lc.module("frontend")["output"]) ==
        V{"cloudfront_distribution_arn", "cloudfront_distribution_id", "cloudfront_domain_name", "s3_bucket_arn", "s3_bucket_name"});
  CHECK(keys(lc.module("backend")["variable"]) ==
        V{"config_s3_bucket", "config_s3_key", "custom_domain", "ecr_repository_url", "environment", "function_name", "policy_name",
          "private_subnet_ids", "redis_endpoint", "redis_security_group_id", "role_name", "security_group_name", "ssm_parameter_arns",
          "tags", "vpc_id"});
  CHECK(keys(lc.module("backend")["output"]) ==
        V{"ecr_repository_url", "files_bucket_name", "lambda_function_arn", "lambda_function_name", "lambda_invoke_arn",
          "lambda_response_streaming_invoke_arn", "lambda_security_group_id"});
  CHECK(keys(lc.module("api_gateway")["variable"]) ==
        V{"cors_allowed_origin", "lambda_function_arn", "lambda_invoke_arn", "lambda_response_streaming_invoke_arn", "name", "region", "tags"});
  CHECK(keys(lc.module("api_gateway")["output"]) == V{"invoke_url", "rest_api_execution_arn", "rest_api_id"});
  CHECK(keys(lc.module("redis")["variable"]) ==
        V{"environment", "lambda_security_group_id", "private_subnet_ids", "replication_group_id", "tags", "vpc_id"});
  CHECK(keys(lc.module("redis")["output"]) == V{"primary_endpoint_address", "replication_group_id", "security_group_id"});
}

TEST_CASE("the spec's types and optional inputs are kept", "[librechat][wiring]") {
  auto lc = LibreChat::synth();
  CHECK(lc.module("backend")["variable"]["private_subnet_ids"]["type"] == "list(string)");
  CHECK(lc.module("backend")["variable"]["ssm_parameter_arns"]["type"] == "list(string)");
  CHECK(lc.module("backend")["variable"]["tags"] == json::parse(R"J({"type": "map(string)", "default": {}, "description": "Resource tags"})J"));
  CHECK_FALSE(lc.module("frontend")["variable"]["custom_domain"].contains("default"));
}

TEST_CASE("the stack has no resource-level dependency cycle", "[librechat][wiring]") {
  using namespace lcsynth::testing;
  auto s = LibreChat::stack();
  CHECK_THAT(s, has_no_cycles());
  // The loop is closed by a separate egress rule on the Lambda group: the rule needs Redis's
  // group, the Lambda group itself does not.
  CHECK_THAT(s, references("backend/redis", "backend/lambda", "id"));
  CHECK_THAT(s, depends_on("backend/redis", "module.redis.module.redis"));
  CHECK_THAT(s, !depends_on("backend/lambda", "redis"));
}

TEST_CASE("an inline egress rule to redis would be reported as a cycle with its path", "[librechat][wiring]") {
  // What the spec's HCL does: the Lambda group's own egress names the Redis group. Redis's
  // module call needs the Lambda group, so the loop is real and must be caught.
  lcsynth::App app;
  auto config = lcsynth::librechat::load_librechat_config(lcsynth::Config{LibreChat::example(), "dev.json"});
  lcsynth::librechat::build_librechat_stack(app, config);
  auto& sg = static_cast<lcsynth::Resource&>(app.find_stack("librechat").find("backend/lambda"));
  auto& redis = static_cast<lcsynth::ModuleBoundary&>(app.find_stack("librechat").find("redis"));
  sg.set("egress", lcsynth::Expr::list({lcsynth::Expr::map({{"security_groups", lcsynth::Expr::list({redis.output_ref("security_group_id")})}})}));
  try {
    lcsynth::synthesize(app);
    FAIL("expected a dependency cycle");
  } catch (const lcsynth::SynthesisError& e) {
    REQUIRE(e.findings().size() == 1);
    CHECK(e.findings()[0].rule == "core/dependency-cycle");
    CHECK_THAT(e.findings()[0].message, Catch::Matchers::Contains("librechat/backend/lambda (aws_security_group.lambda) -> "
                                                                  "librechat/redis/outputs/security_group_id (output.security_group_id)"));
  }
}

TEST_CASE("the backend reads the registry stack's repository through remote state", "[librechat][wiring]") {
  auto lc = LibreChat::synth();
  CHECK(lc.registry()["resource"]["aws_ecr_repository"]["api"]["name"] == "librechat-lambda-api");
  CHECK(lc.registry()["output"]["repository_url"]["value"] == "${aws_ecr_repository.api.repository_url}");
  CHECK(lc.root()["data"]["terraform_remote_state"]["librechat_registry"]["config"] ==
        json{{"path", "../../../terraform.librechat-registry.tfstate"}});
  CHECK(lc.root()["module"]["backend"]["ecr_repository_url"] == "${data.terraform_remote_state.librechat_registry.outputs.repository_url}");
  CHECK(lc.resource("backend", "aws_lambda_function", "api")["image_uri"] == "${var.ecr_repository_url}:latest");
  CHECK_FALSE((lc.module("backend").contains("data") && lc.module("backend")["data"].contains("aws_ecr_repository")));
  CHECK(lc.assembly.manifest["stacks"]["librechat"]["dependencies"] == json::array({"librechat-registry"}));
  CHECK(lc.assembly.manifest["stacks"]["librechat-registry"]["dependencies"] == json::array());
}

TEST_CASE("with an S3 backend the backend reads the registry's state object", "[librechat][wiring]") {
  auto prod = LibreChat::synth(json::object(), "prod.json");
  const json& remote = prod.root()["data"]["terraform_remote_state"]["librechat_registry"];
  CHECK(remote["backend"] == "s3");
  CHECK(remote["config"]["key"] == prod.registry()["terraform"]["backend"]["s3"]["key"]);
  CHECK(remote["config"]["bucket"] == prod.registry()["terraform"]["backend"]["s3"]["bucket"]);
}

TEST_CASE("the two stacks never share state", "[librechat][wiring]") {
  auto local = LibreChat::synth();
  CHECK(local.root()["terraform"]["backend"]["local"]["path"] == "../../../terraform.librechat.tfstate");
  CHECK(local.registry()["terraform"]["backend"]["local"]["path"] == "../../../terraform.librechat-registry.tfstate");
  auto s3 = LibreChat::synth(json::object(), "prod.json");
  std::string key = s3.root()["terraform"]["backend"]["s3"]["key"];
  std::string registry_key = s3.registry()["terraform"]["backend"]["s3"]["key"];
  CHECK(registry_key != key);
  CHECK(registry_key.find("-registry") != std::string::npos);
  CHECK(s3.root()["terraform"]["backend"]["s3"]["use_lockfile"] == true);
}

TEST_CASE("a literal ${ in a configured tag or domain-derived value comes out escaped", "[librechat][wiring]") {
  auto lc = LibreChat::synth({{"tags", {{"Note", "cost ${center} %{x}"}}}});
  CHECK(lc.root()["module"]["backend"]["tags"]["Note"] == "cost $${center} %%{x}");
  CHECK(lc.root()["provider"]["aws"][0]["default_tags"]["tags"]["Note"] == "cost $${center} %%{x}");
  CHECK(lc.registry()["resource"]["aws_ecr_repository"]["api"]["tags"]["Note"] == "cost $${center} %%{x}");
}

TEST_CASE("no secret value reaches the output, only SSM parameter ARNs", "[librechat][wiring]") {
  auto lc = LibreChat::synth();
  for (const auto& [path, text] : lc.assembly.files()) {
    CAPTURE(path);
    CHECK(text.find("\"CREDS_KEY\"") == std::string::npos);  // secrets are not environment variables
  }
  for (const auto& arn : lc.root()["module"]["backend"]["ssm_parameter_arns"])
    CHECK_THAT(arn.get<std::string>(), Catch::Matchers::StartsWith("arn:aws:ssm:eu-west-1:123456789012:parameter/ecs/genai/"));
}

// The catalog's two builders load a configuration once for both stacks; each build still reads
// the configuration it is given, and a bad one is refused by both.
TEST_CASE("the catalog's stacks are built from the configuration each build passes", "[librechat][wiring]") {
  lcsynth::StackCatalog catalog;
  lcsynth::librechat::add_librechat_stacks(catalog);
  auto region_of = [&](const json& values) {
    lcsynth::App app;
    for (const auto& entry : catalog.entries()) entry.build(app, lcsynth::Config{values, "test.json"});
    lcsynth::Assembly a = lcsynth::synthesize(app);
    return std::vector<json>{a.stack_document(lcsynth::librechat::kRegistryStack)["provider"]["aws"][0]["region"],
                             a.stack_document(lcsynth::librechat::kStack)["provider"]["aws"][0]["region"]};
  };
  json dev = LibreChat::example();
  json moved = dev;
  moved["region"] = "eu-central-1";
  CHECK(region_of(dev) == std::vector<json>{dev["region"], dev["region"]});
  CHECK(region_of(moved) == std::vector<json>{"eu-central-1", "eu-central-1"});
  CHECK(region_of(dev) == std::vector<json>{dev["region"], dev["region"]});
  json broken = dev;
  broken["region"] = "nowhere";
  for (const auto& entry : catalog.entries()) {
    lcsynth::App app;
    CHECK_THROWS_AS(entry.build(app, lcsynth::Config{broken, "test.json"}), lcsynth::ConfigError);
  }
}
