// The api-gateway module boundary. Corrections applied: the integration streams
// (response_transfer_mode = "STREAM", 900 s timeout), the Lambda permission is
// lambda:InvokeFunction scoped to this API, the OPTIONS MOCK has its method and integration
// responses with CORS headers, the deployment redeploys when methods or integrations change,
// and the stage is named (REST APIs have no $default stage).

#include "stacks/librechat/api_gateway.h"

#include "lcsynth/functions.h"
#include "lcsynth/resource.h"

namespace lcsynth::librechat {

namespace {
const char* const kCorsHeaders[] = {"Access-Control-Allow-Headers", "Access-Control-Allow-Methods", "Access-Control-Allow-Origin"};
std::string response_header(const char* name) { return std::string("method.response.header.") + name; }
}  // namespace

ApiGateway::ApiGateway(Construct& scope, std::string id, Props p) : ModuleBoundary(scope, std::move(id)) {
  Expr function_arn = input("lambda_function_arn", {.type = "string", .description = "Lambda function ARN"}, p.lambda_function_arn);
  input("lambda_invoke_arn", {.type = "string", .description = "Lambda invoke ARN"}, p.lambda_invoke_arn);
  Expr streaming_arn = input("lambda_response_streaming_invoke_arn", {.type = "string", .description = "Lambda streaming invoke ARN"},
                             p.lambda_response_streaming_invoke_arn);
  input("region", {.type = "string", .description = "AWS region"}, p.region);
  Expr tags = input("tags", {.type = "map(string)", .description = "Resource tags", .default_value = nlohmann::json::object()}, p.tags);
  // Not in the spec's table: what differs between environments, passed in so that one module
  // source serves every environment (docs/librechat.md).
  Expr name = input("name", {.type = "string", .description = "REST API name"}, Expr(p.settings.name));
  Expr origin = input("cors_allowed_origin", {.type = "string", .description = "The one origin CORS allows (https://<custom domain>)"},
                      Expr(p.cors_allowed_origin));

  auto& api = add<Resource>("api", "aws_api_gateway_rest_api",
                            Arguments{{"name", name},
                                      {"description", "LibreChat REST API with streaming support"},
                                      {"endpoint_configuration", Expr::map({{"types", Expr::list({"REGIONAL"})}})},
                                      {"tags", tags}});
  auto& api_path = add<Resource>("api_path", "aws_api_gateway_resource",
                                 Arguments{{"rest_api_id", api.attr("id")}, {"parent_id", api.attr("root_resource_id")}, {"path_part", "api"}});
  api_path.override_logical_id("api");
  auto& proxy = add<Resource>("proxy", "aws_api_gateway_resource",
                              Arguments{{"rest_api_id", api.attr("id")}, {"parent_id", api_path.attr("id")}, {"path_part", "{proxy+}"}});

  auto& any = add<Resource>("proxy_method", "aws_api_gateway_method",
                            Arguments{{"rest_api_id", api.attr("id")}, {"resource_id", proxy.attr("id")}, {"http_method", "ANY"}, {"authorization", "NONE"}});
  any.override_logical_id("proxy");
  auto& integration = add<Resource>(
      "proxy_integration", "aws_api_gateway_integration",
      Arguments{{"rest_api_id", api.attr("id")},
                {"resource_id", proxy.attr("id")},
                {"http_method", any.attr("http_method")},
                {"type", "AWS_PROXY"},
                {"integration_http_method", "POST"},
                // .../response-streaming-invocations: InvokeWithResponseStream, for SSE.
                {"uri", streaming_arn},
                {"response_transfer_mode", "STREAM"},
                {"timeout_milliseconds", 900000}});
  integration.override_logical_id("proxy");

  // CORS preflight: a MOCK answers 200 with the headers, origin limited to the custom domain.
  auto& options = add<Resource>("options_method", "aws_api_gateway_method",
                                Arguments{{"rest_api_id", api.attr("id")}, {"resource_id", proxy.attr("id")}, {"http_method", "OPTIONS"}, {"authorization", "NONE"}});
  options.override_logical_id("options");
  auto& mock = add<Resource>("options_integration", "aws_api_gateway_integration",
                             Arguments{{"rest_api_id", api.attr("id")},
                                       {"resource_id", proxy.attr("id")},
                                       {"http_method", options.attr("http_method")},
                                       {"type", "MOCK"},
                                       {"request_templates", Expr::map({{"application/json", "{\"statusCode\": 200}"}})}});
  mock.override_logical_id("options");
  std::map<std::string, Expr> declared, values;
  for (const char* h : kCorsHeaders) declared.emplace(response_header(h), true);
  values.emplace(response_header(kCorsHeaders[0]), "'Content-Type,Authorization,X-Amz-Date,X-Api-Key,X-Amz-Security-Token'");
  values.emplace(response_header(kCorsHeaders[1]), "'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'");
  values.emplace(response_header(kCorsHeaders[2]), Expr::format("'{}'", {origin}));
  auto& method_response = add<Resource>("options_200", "aws_api_gateway_method_response",
                                        Arguments{{"rest_api_id", api.attr("id")},
                                                  {"resource_id", proxy.attr("id")},
                                                  {"http_method", options.attr("http_method")},
                                                  {"status_code", "200"},
                                                  {"response_parameters", Expr::map(declared)}});
  auto& integration_response = add<Resource>("options_integration_200", "aws_api_gateway_integration_response",
                                             Arguments{{"rest_api_id", api.attr("id")},
                                                       {"resource_id", proxy.attr("id")},
                                                       {"http_method", options.attr("http_method")},
                                                       {"status_code", method_response.attr("status_code")},
                                                       {"response_parameters", Expr::map(values)}});
  integration_response.depends_on(mock);

  // A deployment is a snapshot: without triggers, later changes never reach the stage.
  auto& deployment = add<Resource>(
      "deployment", "aws_api_gateway_deployment",
      Arguments{{"rest_api_id", api.attr("id")},
                {"triggers", Expr::map({{"redeployment", fn::sha1(fn::jsonencode(Expr::list({
                                                             api_path.attr("id"), proxy.attr("id"), any.attr("id"), integration.attr("id"),
                                                             integration.attr("uri"), options.attr("id"), mock.attr("id"),
                                                             method_response.attr("id"), integration_response.attr("id")})))}})}});
  deployment.override_logical_id("api");
  deployment.depends_on(integration);
  deployment.depends_on(mock);
  deployment.depends_on(integration_response);
  deployment.set_lifecycle({.create_before_destroy = true});

  auto& stage = add<Resource>("stage", "aws_api_gateway_stage",
                              Arguments{{"rest_api_id", api.attr("id")},
                                        {"deployment_id", deployment.attr("id")},
                                        {"stage_name", p.settings.stage_name},
                                        {"cache_cluster_enabled", false},  // API responses are never cached
                                        {"tags", tags}});

  add<Resource>("api_gateway", "aws_lambda_permission",
                Arguments{{"statement_id", "AllowAPIGatewayInvoke"},
                          // InvokeWithResponseStream is authorised by lambda:InvokeFunction.
                          {"action", "lambda:InvokeFunction"},
                          {"function_name", function_arn},
                          {"principal", "apigateway.amazonaws.com"},
                          {"source_arn", Expr::format("{}/*/*", {api.attr("execution_arn")})}});

  output("rest_api_id", api.attr("id"), "REST API ID");
  output("rest_api_execution_arn", api.attr("execution_arn"), "REST API execution ARN");
  output("invoke_url", stage.attr("invoke_url"), "API Gateway invoke URL");
}

}  // namespace lcsynth::librechat
