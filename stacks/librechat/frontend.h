#pragma once
// The spec's "frontend" module: the React build in a private S3 bucket behind CloudFront,
// which also routes /api/* to API Gateway, plus the DNS aliases.

#include "lcsynth/module_boundary.h"
#include "stacks/librechat/config.h"

namespace lcsynth::librechat {

class Frontend : public ModuleBoundary {
 public:
  /// Module inputs (module-interfaces.md, "Module: frontend") and settings written as literals.
  struct Props {
    Expr environment;
    Expr custom_domain;
    Expr acm_certificate_arn;
    Expr route53_zone_id;
    Expr api_gateway_endpoint;  ///< the stage's invoke URL: https://<host>/<stage>
    Expr tags;
    FrontendSettings settings;  ///< the bucket's name, when set, also names its origin access control
  };
  Frontend(Construct& scope, std::string id, Props props);

  Expr cloudfront_distribution_id() const { return output_ref("cloudfront_distribution_id"); }
  Expr cloudfront_distribution_arn() const { return output_ref("cloudfront_distribution_arn"); }
  Expr cloudfront_domain_name() const { return output_ref("cloudfront_domain_name"); }
  Expr s3_bucket_name() const { return output_ref("s3_bucket_name"); }
  Expr s3_bucket_arn() const { return output_ref("s3_bucket_arn"); }
};

/// CloudFront cache and origin request policies the spec names (AWS managed policies).
inline constexpr const char* kCachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6";
inline constexpr const char* kCachingDisabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
inline constexpr const char* kAllViewerExceptHostHeader = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/// The CloudFront Function (cloudfront-js-2.0) that serves index.html for client-side routes.
const char* spa_rewrite_function_code();

}  // namespace lcsynth::librechat
