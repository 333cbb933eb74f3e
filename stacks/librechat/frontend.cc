// The frontend module boundary. Corrections applied: the S3 origin gets an origin access
// control that is actually created, the bucket policy lets only this distribution read,
// forwarded values are off where cache policies are used, TLS 1.2 is the minimum, the API
// origin is the bare host with origin_path = /<stage>, SPA routes are rewritten by a CloudFront
// Function (or, optionally, the spec's error responses), the bucket has no versioning resource,
// and an AAAA alias joins the A alias because IPv6 is on.

#include "stacks/librechat/frontend.h"

#include "lcsynth/functions.h"
#include "lcsynth/local.h"
#include "lcsynth/resource.h"
#include "stacks/librechat/registry_modules.h"

namespace lcsynth::librechat {

const char* spa_rewrite_function_code() {
  return R"JS(function handler(event) {
  var request = event.request;
  // Client-side routes have no file extension; they are all served by the SPA's index.html.
  if (!request.uri.startsWith('/api/') && !/\.[A-Za-z0-9]+$/.test(request.uri)) {
    request.uri = '/index.html';
  }
  return request;
}
)JS";
}

namespace {
Arguments route_alias(Expr zone_id, Expr name, const char* type, Expr target_name, Expr target_zone) {
  return Arguments{{"zone_id", std::move(zone_id)},
                   {"name", std::move(name)},
                   {"type", type},
                   {"alias", Expr::map({{"name", std::move(target_name)}, {"zone_id", std::move(target_zone)}, {"evaluate_target_health", false}})}};
}
}  // namespace

Frontend::Frontend(Construct& scope, std::string id, Props p) : ModuleBoundary(scope, std::move(id)) {
  Expr environment = input("environment", {.type = "string", .description = "Environment name (e.g. \"dev\")"}, p.environment);
  Expr domain = input("custom_domain", {.type = "string", .description = "Custom domain"}, p.custom_domain);
  Expr certificate = input("acm_certificate_arn", {.type = "string", .description = "ACM certificate ARN (us-east-1)"}, p.acm_certificate_arn);
  Expr zone = input("route53_zone_id", {.type = "string", .description = "Route53 hosted zone ID"}, p.route53_zone_id);
  Expr endpoint = input("api_gateway_endpoint", {.type = "string", .description = "API Gateway REST API invoke URL"}, p.api_gateway_endpoint);
  Expr tags = input("tags", {.type = "map(string)", .description = "Resource tags", .default_value = nlohmann::json::object()}, p.tags);

  // https://<host>/<stage> -> the origin's bare host and "/<stage>", so /api/x reaches stage
  // <stage> rather than a stage named "api".
  auto& api_domain = add<TerraformLocal>("api_gateway_domain", Expr::index(fn::split("/", endpoint), 2));
  auto& api_path = add<TerraformLocal>("api_gateway_origin_path", Expr::format("/{}", {Expr::index(fn::split("/", endpoint), 3)}));

  Expr bucket_name = p.settings.bucket_name ? Expr(*p.settings.bucket_name) : Expr::format("librechat-frontend-{}", {environment});
  auto& bucket = add<S3BucketModule>(
      "s3_frontend",
      Arguments{{"bucket", bucket_name},
                {"force_destroy", true},
                // No "versioning" input at all: { enabled = false } would still create a
                // versioning resource in state Suspended.
                {"block_public_acls", true},
                {"block_public_policy", true},
                {"ignore_public_acls", true},
                {"restrict_public_buckets", true},
                {"server_side_encryption_configuration", sse_s3_encryption()},
                {"tags", tags}});

  std::map<std::string, Expr> default_behavior = {
      {"target_origin_id", "s3_frontend"},
      {"viewer_protocol_policy", "redirect-to-https"},
      {"allowed_methods", Expr::list({"GET", "HEAD", "OPTIONS"})},
      {"cached_methods", Expr::list({"GET", "HEAD"})},
      {"compress", true},
      {"cache_policy_id", kCachingOptimized},
      // CloudFront refuses forwarded values together with a cache policy.
      {"use_forwarded_values", false},
  };
  Arguments distribution;
  if (p.settings.spa_routing == SpaRouting::kFunction) {
    auto& rewrite = add<Resource>("spa_rewrite", "aws_cloudfront_function",
                                  Arguments{{"name", Expr::format("librechat-spa-rewrite-{}", {environment})},
                                            {"runtime", "cloudfront-js-2.0"},
                                            {"comment", "Serve index.html for client-side routes"},
                                            {"publish", true},
                                            {"code", spa_rewrite_function_code()}});
    default_behavior["function_association"] = Expr::map({{"viewer-request", Expr::map({{"function_arn", rewrite.attr("arn")}})}});
  } else {
    // The spec's literal rule. Distribution-wide: it also turns the API's own 403/404 into
    // index.html with 200, which is why it is not the default.
    std::vector<Expr> responses;
    for (int code : {403, 404})
      responses.push_back(Expr::map({{"error_code", code}, {"response_code", 200}, {"response_page_path", "/index.html"}, {"error_caching_min_ttl", 10}}));
    distribution["custom_error_response"] = Expr::list(responses);
  }

  distribution.insert({
      {"aliases", Expr::list({domain})},
      {"comment", Expr::format("LibreChat {}", {environment})},
      {"enabled", true},
      {"is_ipv6_enabled", true},
      {"default_root_object", "index.html"},
      {"create_origin_access_control", true},
      // Named after the bucket (OAC names are unique per account): a map keyed by an
      // expression, which a literal map cannot have.
      {"origin_access_control", fn::zipmap(Expr::list({bucket_name}), Expr::list({Expr::map({{"description", "LibreChat frontend bucket"},
                                                                                              {"origin_type", "s3"},
                                                                                              {"signing_behavior", "always"},
                                                                                              {"signing_protocol", "sigv4"}})}))},
      {"origin", Expr::map({
                     {"s3_frontend", Expr::map({{"domain_name", bucket.s3_bucket_bucket_regional_domain_name()},
                                                {"origin_access_control", bucket_name}})},
                     {"api_gateway", Expr::map({{"domain_name", api_domain.value()},
                                                {"origin_path", api_path.value()},
                                                {"custom_origin_config", Expr::map({{"http_port", 80},
                                                                                    {"https_port", 443},
                                                                                    {"origin_protocol_policy", "https-only"},
                                                                                    {"origin_ssl_protocols", Expr::list({"TLSv1.2"})}})}})},
                 })},
      {"default_cache_behavior", Expr::map(default_behavior)},
      {"ordered_cache_behavior", Expr::list({Expr::map({
                                     {"path_pattern", "/api/*"},
                                     {"target_origin_id", "api_gateway"},
                                     {"viewer_protocol_policy", "https-only"},
                                     {"allowed_methods", Expr::list({"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"})},
                                     {"cached_methods", Expr::list({"GET", "HEAD"})},
                                     {"compress", false},
                                     {"cache_policy_id", kCachingDisabled},
                                     {"origin_request_policy_id", kAllViewerExceptHostHeader},
                                     {"use_forwarded_values", false},
                                 })})},
      {"viewer_certificate", Expr::map({{"acm_certificate_arn", certificate},
                                        {"ssl_support_method", "sni-only"},
                                        {"minimum_protocol_version", "TLSv1.2_2021"}})},
      {"tags", tags},
  });
  auto& cdn = add<CloudFrontModule>("cloudfront", std::move(distribution));

  // cloudfront v4.2.0 writes no bucket policy: only this distribution may read, over TLS.
  Expr objects = Expr::format("{}/*", {bucket.s3_bucket_arn()});
  add<Resource>("frontend", "aws_s3_bucket_policy",
                Arguments{{"bucket", bucket.s3_bucket_id()},
                          {"policy", fn::jsonencode(Expr::map({
                                         {"Version", "2012-10-17"},
                                         {"Statement", Expr::list({
                                                           Expr::map({{"Sid", "AllowCloudFrontServicePrincipalReadOnly"},
                                                                      {"Effect", "Allow"},
                                                                      {"Principal", Expr::map({{"Service", "cloudfront.amazonaws.com"}})},
                                                                      {"Action", "s3:GetObject"},
                                                                      {"Resource", objects},
                                                                      {"Condition", Expr::map({{"StringEquals", Expr::map({{"AWS:SourceArn", cdn.cloudfront_distribution_arn()}})}})}}),
                                                           Expr::map({{"Sid", "DenyInsecureTransport"},
                                                                      {"Effect", "Deny"},
                                                                      {"Principal", "*"},
                                                                      {"Action", "s3:*"},
                                                                      {"Resource", Expr::list({bucket.s3_bucket_arn(), objects})},
                                                                      {"Condition", Expr::map({{"Bool", Expr::map({{"aws:SecureTransport", "false"}})}})}}),
                                                       })},
                                     }))}});

  // The A alias of the spec, and AAAA because the distribution has IPv6 on.
  add<Resource>("alias_a", "aws_route53_record",
                route_alias(zone, domain, "A", cdn.cloudfront_distribution_domain_name(), cdn.cloudfront_distribution_hosted_zone_id()))
      .override_logical_id("cloudfront");
  add<Resource>("alias_aaaa", "aws_route53_record",
                route_alias(zone, domain, "AAAA", cdn.cloudfront_distribution_domain_name(), cdn.cloudfront_distribution_hosted_zone_id()))
      .override_logical_id("cloudfront_ipv6");

  output("cloudfront_distribution_id", cdn.cloudfront_distribution_id(), "CloudFront distribution ID");
  output("cloudfront_distribution_arn", cdn.cloudfront_distribution_arn(), "CloudFront distribution ARN");
  output("cloudfront_domain_name", cdn.cloudfront_distribution_domain_name(), "CloudFront domain name");
  output("s3_bucket_name", bucket.s3_bucket_id(), "Frontend S3 bucket name");
  output("s3_bucket_arn", bucket.s3_bucket_arn(), "Frontend S3 bucket ARN");
}

}  // namespace lcsynth::librechat
