// lcsynth-bench: synthesizes one stack holding N copies of the LibreChat constructs (the ECR
// repository, redis, backend, api-gateway and frontend, wired as build_librechat_stack wires
// them) with the built-in schemas and policies, writes it atomically, prints a one-line
// summary on stderr and exits. tests/bench/run.sh times it as a whole process against the
// cdktf program in tests/bench/cdktf/main.js, which builds the same stack.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "lcsynth/aws_policies.h"
#include "lcsynth/keep_until_exit.h"
#include "lcsynth/lcsynth.h"
#include "lcsynth/schema.h"
#include "stacks/librechat/api_gateway.h"
#include "stacks/librechat/backend.h"
#include "stacks/librechat/config.h"
#include "stacks/librechat/frontend.h"
#include "stacks/librechat/librechat_stack.h"
#include "stacks/librechat/redis.h"

namespace {

using namespace lcsynth;
using namespace lcsynth::librechat;

constexpr const char* kBenchStack = "librechat-bench";

// examples/librechat/dev.json: the values every copy starts from.
LibreChatConfig base_config() {
  Config config;
  config.source = "<lcsynth-bench>";
  config.values = {
      {"environment", "dev"},
      {"region", "eu-west-1"},
      {"account_id", "123456789012"},
      {"custom_domain", "lambda-test.sandbox.data.apro.is"},
      {"acm_certificate_arn", "arn:aws:acm:us-east-1:123456789012:certificate/3f2b8c1e-7a4d-4e9b-9c2f-5d8e1a6b0c47"},
      {"route53_zone_id", "Z0123456789ABCDEFGHIJ"},
      {"vpc_id", "vpc-0a1b2c3d4e5f60718"},
      {"private_subnet_ids", {"subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"}},
      {"tags", {{"Project", "LibreChat"}, {"Environment", "dev"}, {"ManagedBy", "lcsynth"}}},
  };
  return load_librechat_config(config);
}

// Copy `id`'s configuration: every name AWS wants unique (functions, roles, groups, buckets,
// domains, the replication group, the API, the repository) carries the copy's id.
LibreChatConfig copy_config(const LibreChatConfig& base, const std::string& id) {
  LibreChatConfig c = base;
  std::string suffix = "-" + id;
  c.environment += suffix;  // the frontend and files buckets, the CloudFront function
  c.custom_domain = id + "." + base.custom_domain;
  c.ecr_repository_name += suffix;
  c.lambda.function_name += suffix;
  c.lambda.security_group_name += suffix;
  c.lambda.role_name += suffix;
  c.lambda.policy_name += suffix;
  c.redis.replication_group_id += suffix;
  c.api.name += suffix;
  return c;
}

// One copy under `copy`, wired as build_librechat_stack wires the two LibreChat stacks, with
// the registry's repository in the same stack (so the backend references it directly).
void add_librechat_copy(Construct& copy, const LibreChatConfig& config) {
  Expr tags(config.tags);
  std::vector<std::string> ssm_arns;
  for (const auto& [name, arn] : config.ssm_parameter_arns) ssm_arns.push_back(arn);

  auto& repository = copy.add<Resource>("repository", "aws_ecr_repository",
                                        Arguments{{"name", config.ecr_repository_name},
                                                  {"force_delete", true},
                                                  {"image_scanning_configuration", Expr::map({{"scan_on_push", true}})},
                                                  {"tags", tags}});
  auto& redis = copy.add<Redis>("redis", Redis::Props{.environment = config.environment,
                                                      .vpc_id = config.vpc_id,
                                                      .private_subnet_ids = Expr(config.private_subnet_ids),
                                                      .tags = tags,
                                                      .settings = config.redis});
  auto& backend = copy.add<librechat::Backend>("backend", librechat::Backend::Props{.environment = config.environment,
                                                              .vpc_id = config.vpc_id,
                                                              .private_subnet_ids = Expr(config.private_subnet_ids),
                                                              .redis_endpoint = redis.primary_endpoint_address(),
                                                              .redis_security_group_id = redis.security_group_id(),
                                                              .custom_domain = config.custom_domain,
                                                              .config_s3_bucket = config.config_s3_bucket,
                                                              .config_s3_key = config.config_s3_key,
                                                              .ssm_parameter_arns = Expr(ssm_arns),
                                                              .tags = tags,
                                                              .lambda = config.lambda,
                                                              .services = config.services,
                                                              .ecr_repository_url = repository.attr("repository_url"),
                                                              .files_bucket_name = config.files_bucket_name});
  redis.allow_access_from(backend.lambda_security_group_id());
  auto& api = copy.add<ApiGateway>("api_gateway", ApiGateway::Props{
                                                      .lambda_function_arn = backend.lambda_function_arn(),
                                                      .lambda_invoke_arn = backend.lambda_invoke_arn(),
                                                      .lambda_response_streaming_invoke_arn = backend.lambda_response_streaming_invoke_arn(),
                                                      .region = config.region,
                                                      .tags = tags,
                                                      .settings = config.api,
                                                      .cors_allowed_origin = "https://" + config.custom_domain});
  auto& frontend = copy.add<Frontend>("frontend", Frontend::Props{.environment = config.environment,
                                                                 .custom_domain = config.custom_domain,
                                                                 .acm_certificate_arn = config.acm_certificate_arn,
                                                                 .route53_zone_id = config.route53_zone_id,
                                                                 .api_gateway_endpoint = api.invoke_url(),
                                                                 .tags = tags,
                                                                 .settings = config.frontend,
                                                                 .origin_access_control_name = config.frontend_bucket()});

  auto out = [&](const char* name, Expr value, const char* description) {
    copy.add<TerraformOutput>(name, OutputProps{.value = std::move(value), .description = description});
  };
  out("repository_url", repository.attr("repository_url"), "Push the LibreChat API image here before applying 'librechat'");
  out("url", Expr("https://" + config.custom_domain), "Where LibreChat answers");
  out("cloudfront_domain_name", frontend.cloudfront_domain_name(), "CloudFront domain name");
  out("cloudfront_distribution_id", frontend.cloudfront_distribution_id(), "For cache invalidations after a frontend upload");
  out("frontend_bucket_name", frontend.s3_bucket_name(), "Upload the React build here");
  out("api_invoke_url", api.invoke_url(), "API Gateway stage URL (CloudFront routes /api/* here)");
  out("lambda_function_name", backend.lambda_function_name(), "The LibreChat API function");
  out("files_bucket_name", backend.files_bucket_name(), "User file uploads");
  out("redis_primary_endpoint", redis.primary_endpoint_address(), "ElastiCache Redis primary endpoint");
}

// The bench stack: the LibreChat provider and backend, then copies c0000, c0001, ...
void build_bench_stack(App& app, int copies) {
  LibreChatConfig base = base_config();
  auto& stack = app.add<Stack>(kBenchStack, StackProps{.required_version = kTerraformVersion, .backend = base.backend,
                                                       .description = "N copies of LibreChat in one stack (benchmark)"});
  Arguments provider{{"region", base.region}};
  if (!base.tags.empty()) provider["default_tags"] = Expr::map({{"tags", Expr(base.tags)}});
  stack.add<Provider>("aws", ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = kAwsProviderVersion, .config = provider});
  for (int i = 0; i < copies; ++i) {
    std::string id = fmt::format("c{:04}", i);
    add_librechat_copy(stack.add<Group>(id), copy_config(base, id));
  }
}

struct Counts {
  size_t resources = 0, data_sources = 0, module_calls = 0;
};

Counts count_blocks(const Assembly& assembly) {
  Counts n;
  auto count = [](const nlohmann::json& doc, const char* section) {
    size_t total = 0;
    if (auto it = doc.find(section); it != doc.end())
      for (const auto& [type, blocks] : it->items()) total += blocks.size();
    return total;
  };
  for (const auto& stack : assembly.stacks)
    for (const auto& [path, doc] : stack.files) {
      n.resources += count(doc, "resource");
      n.data_sources += count(doc, "data");
      if (auto it = doc.find("module"); it != doc.end()) n.module_calls += it->size();
    }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  int copies = 1;
  std::string output = "cdktf.out";
  CLI::App cli{"Synthesizes one stack holding N copies of the LibreChat constructs (lcsynth's benchmark)", "lcsynth-bench"};
  cli.add_option("-n,--copies", copies, "Number of copies")->check(CLI::Range(1, 100000))->capture_default_str();
  cli.add_option("-o,--output", output, "Output directory")->capture_default_str();
  CLI11_PARSE(cli, argc, argv);
  try {
    auto app = std::make_unique<App>();
    build_bench_stack(*app, copies);
    auto assembly = std::make_unique<Assembly>(synthesize(*app, SynthOptions{.schemas = &builtin_schemas(), .policies = &aws_policy_pack()}));
    RealFileSystem fs;
    WriteSummary written = write_assembly(*assembly, output, fs);
    Counts n = count_blocks(*assembly);
    std::cerr << fmt::format("lcsynth-bench: N={}: {} resources, {} data sources, {} module calls, {} files, {} bytes in '{}'\n", copies,
                             n.resources, n.data_sources, n.module_calls, written.files, written.bytes, output);
    keep_until_exit(std::move(app));  // as the lcsynth command does
    keep_until_exit(std::move(assembly));
    return 0;
  } catch (const SynthesisError& e) {
    for (const auto& d : e.findings()) std::cerr << format_diagnostic(d) << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "lcsynth-bench: " << e.what() << "\n";
    return 1;
  }
}
