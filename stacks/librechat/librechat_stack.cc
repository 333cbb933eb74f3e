// The two LibreChat stacks. The main stack reads like the spec's "Module Dependencies"
// picture: redis, then backend (fed by redis), then api-gateway (fed by backend), then
// frontend (fed by api-gateway); the redis <-> backend security group loop is closed last.

#include "stacks/librechat/librechat_stack.h"

#include <memory>
#include <mutex>

#include "lcsynth/errors.h"
#include "lcsynth/output.h"
#include "lcsynth/provider.h"
#include "lcsynth/resource.h"
#include "lcsynth/stack.h"
#include "stacks/librechat/api_gateway.h"
#include "stacks/librechat/backend.h"
#include "stacks/librechat/frontend.h"
#include "stacks/librechat/redis.h"

namespace lcsynth::librechat {

namespace {
std::string with_suffix(const std::string& file, const std::string& suffix) {
  auto dot = file.rfind(".tfstate");
  return dot == std::string::npos ? file + suffix : file.substr(0, dot) + suffix + file.substr(dot);
}

StackProps stack_props(const LibreChatConfig& config, const std::string& name, std::string description) {
  return StackProps{.required_version = kTerraformVersion, .backend = backend_for(config, name), .description = std::move(description)};
}

void add_aws_provider(Stack& stack, const LibreChatConfig& config) {
  Arguments provider{{"region", config.region}};
  if (!config.tags.empty()) provider["default_tags"] = Expr::map({{"tags", Expr(config.tags)}});
  stack.add<Provider>("aws", ProviderProps{.name = "aws", .source = "hashicorp/aws", .version = kAwsProviderVersion, .config = provider});
}

Expr list_of(const std::vector<std::string>& items) { return Expr(items); }
}  // namespace

lcsynth::Backend backend_for(const LibreChatConfig& config, const std::string& stack) {
  lcsynth::Backend backend = config.backend;
  if (stack != kRegistryStack) return backend;
  if (auto* s3 = std::get_if<S3Backend>(&backend)) s3->key = with_suffix(s3->key, "-registry");
  if (auto* local = std::get_if<LocalBackend>(&backend); local && !local->path.empty()) local->path = with_suffix(local->path, "-registry");
  return backend;
}

RegistryStack::RegistryStack(Construct& app, std::string id, const LibreChatConfig& config)
    : Stack(app, std::move(id), stack_props(config, kRegistryStack, "ECR repository for the LibreChat API image (apply first)")) {
  add_aws_provider(*this, config);
  add_registry(*this, "api", config);
}

Expr add_registry(Construct& scope, const std::string& id, const LibreChatConfig& config) {
  auto& repository = scope.add<Resource>(id, "aws_ecr_repository",
                                         Arguments{{"name", config.ecr_repository_name},
                                                   {"force_delete", true},
                                                   {"image_scanning_configuration", Expr::map({{"scan_on_push", true}})},
                                                   {"tags", Expr(config.tags)}});
  scope.add<TerraformOutput>("repository_url", OutputProps{.value = repository.attr("repository_url"),
                                                           .description = "Push the LibreChat API image here before applying 'librechat'"});
  return repository.attr("repository_url");
}

Expr RegistryStack::repository_url() const { return static_cast<const TerraformOutput&>(find_child("repository_url")).ref(); }

RegistryStack& build_registry_stack(App& app, const LibreChatConfig& config) {
  if (Stack* existing = app.try_find_stack(kRegistryStack)) {
    if (auto* registry = dynamic_cast<RegistryStack*>(existing)) return *registry;
    throw ConstructError(existing->path(), "is not a LibreChat registry stack");
  }
  return app.add<RegistryStack>(kRegistryStack, config);
}

Stack& build_librechat_stack(App& app, const LibreChatConfig& config) {
  RegistryStack& registry = build_registry_stack(app, config);
  auto& stack = app.add<Stack>(kStack, stack_props(config, kStack, "LibreChat on Lambda: redis, backend, api-gateway, frontend"));
  add_aws_provider(stack, config);
  add_librechat_services(stack, config, registry.repository_url());
  return stack;
}

void add_librechat_services(Construct& scope, const LibreChatConfig& config, Expr ecr_repository_url) {
  Expr tags(config.tags);
  std::vector<std::string> ssm_arns;
  for (const auto& [name, arn] : config.ssm_parameter_arns) ssm_arns.push_back(arn);

  auto& redis = scope.add<Redis>("redis", Redis::Props{.environment = config.environment,
                                                       .vpc_id = config.vpc_id,
                                                       .private_subnet_ids = list_of(config.private_subnet_ids),
                                                       .tags = tags,
                                                       .settings = config.redis});

  auto& backend = scope.add<Backend>("backend", Backend::Props{.environment = config.environment,
                                                               .vpc_id = config.vpc_id,
                                                               .private_subnet_ids = list_of(config.private_subnet_ids),
                                                               .redis_endpoint = redis.primary_endpoint_address(),
                                                               .redis_security_group_id = redis.security_group_id(),
                                                               .custom_domain = config.custom_domain,
                                                               .config_s3_bucket = config.config_s3_bucket,
                                                               .config_s3_key = config.config_s3_key,
                                                               .ssm_parameter_arns = list_of(ssm_arns),
                                                               .tags = tags,
                                                               .lambda = config.lambda,
                                                               .services = config.services,
                                                               .ecr_repository_url = std::move(ecr_repository_url),
                                                               .files_bucket_name = config.files_bucket_name});
  // The loop the spec draws as "redis has no dependencies": closed here, once both exist.
  redis.allow_access_from(backend.lambda_security_group_id());

  auto& api = scope.add<ApiGateway>("api_gateway", ApiGateway::Props{
                                                       .lambda_function_arn = backend.lambda_function_arn(),
                                                       .lambda_invoke_arn = backend.lambda_invoke_arn(),
                                                       .lambda_response_streaming_invoke_arn = backend.lambda_response_streaming_invoke_arn(),
                                                       .region = config.region,
                                                       .tags = tags,
                                                       .settings = config.api,
                                                       .cors_allowed_origin = "https://" + config.custom_domain});

  auto& frontend = scope.add<Frontend>("frontend", Frontend::Props{.environment = config.environment,
                                                                  .custom_domain = config.custom_domain,
                                                                  .acm_certificate_arn = config.acm_certificate_arn,
                                                                  .route53_zone_id = config.route53_zone_id,
                                                                  .api_gateway_endpoint = api.invoke_url(),
                                                                  .tags = tags,
                                                                  .settings = config.frontend});

  auto out = [&](const char* name, Expr value, const char* description) {
    scope.add<TerraformOutput>(name, OutputProps{.value = std::move(value), .description = description});
  };
  out("url", Expr("https://" + config.custom_domain), "Where LibreChat answers");
  out("cloudfront_domain_name", frontend.cloudfront_domain_name(), "CloudFront domain name");
  out("cloudfront_distribution_id", frontend.cloudfront_distribution_id(), "For cache invalidations after a frontend upload");
  out("frontend_bucket_name", frontend.s3_bucket_name(), "Upload the React build here");
  out("api_invoke_url", api.invoke_url(), "API Gateway stage URL (CloudFront routes /api/* here)");
  out("lambda_function_name", backend.lambda_function_name(), "The LibreChat API function");
  out("files_bucket_name", backend.files_bucket_name(), "User file uploads");
  out("redis_primary_endpoint", redis.primary_endpoint_address(), "ElastiCache Redis primary endpoint");
}

namespace {
// Both stacks are built from the same configuration, one after the other: it is loaded and
// checked once, and again only when a build passes a different one (loading it twice cost the
// LibreChat synth 0.07 M of its 3.85 M instructions).
class LoadedOnce {
 public:
  std::shared_ptr<const LibreChatConfig> operator()(const Config& config) {
    std::lock_guard lock(mutex_);
    if (loaded_ == nullptr || source_ != config.source || values_ != config.values) {
      loaded_ = nullptr;
      loaded_ = std::make_shared<const LibreChatConfig>(load_librechat_config(config));  // throws ConfigError
      source_ = config.source;
      values_ = config.values;
    }
    return loaded_;
  }

 private:
  std::mutex mutex_;
  std::string source_;
  nlohmann::json values_;
  std::shared_ptr<const LibreChatConfig> loaded_;
};
}  // namespace

void add_librechat_stacks(StackCatalog& catalog) {
  auto load = std::make_shared<LoadedOnce>();
  catalog.add({kRegistryStack, "ECR repository for the LibreChat API image (apply first)",
               [load](App& app, const Config& config) { build_registry_stack(app, *(*load)(config)); }});
  catalog.add({kStack, "LibreChat on Lambda: redis, backend, api-gateway, frontend",
               [load](App& app, const Config& config) { build_librechat_stack(app, *(*load)(config)); }});
}

}  // namespace lcsynth::librechat
