#pragma once
// Typed calls of the three terraform-aws-modules the spec uses, at its version pins. Output
// getters exist only for outputs the pinned versions have (src/schema/registry_modules/*.json
// records them; a test checks every input and output used against that data).

#include "lcsynth/module_call.h"

namespace lcsynth::librechat {

/// The s3-bucket module's server_side_encryption_configuration for SSE-S3 (AES256).
inline Expr sse_s3_encryption() {
  return Expr::map({{"rule", Expr::map({{"apply_server_side_encryption_by_default", Expr::map({{"sse_algorithm", "AES256"}})}})}});
}

/// terraform-aws-modules/s3-bucket/aws "~> 4.0" (interface checked at v4.11.0).
class S3BucketModule : public ModuleCall {
 public:
  static constexpr const char* kSource = "terraform-aws-modules/s3-bucket/aws";
  static constexpr const char* kVersion = "~> 4.0";
  S3BucketModule(Construct& scope, std::string id, Arguments inputs)
      : ModuleCall(scope, std::move(id), {.source = kSource, .version = kVersion, .inputs = std::move(inputs)}) {}
  Expr s3_bucket_id() const { return output("s3_bucket_id"); }
  Expr s3_bucket_arn() const { return output("s3_bucket_arn"); }
  Expr s3_bucket_bucket_regional_domain_name() const { return output("s3_bucket_bucket_regional_domain_name"); }
};

/// terraform-aws-modules/cloudfront/aws "~> 4.0" (interface checked at v4.2.0; 5.x renamed
/// the origin access control inputs, so the pin must not float past 4.x).
class CloudFrontModule : public ModuleCall {
 public:
  static constexpr const char* kSource = "terraform-aws-modules/cloudfront/aws";
  static constexpr const char* kVersion = "~> 4.0";
  CloudFrontModule(Construct& scope, std::string id, Arguments inputs)
      : ModuleCall(scope, std::move(id), {.source = kSource, .version = kVersion, .inputs = std::move(inputs)}) {}
  Expr cloudfront_distribution_id() const { return output("cloudfront_distribution_id"); }
  Expr cloudfront_distribution_arn() const { return output("cloudfront_distribution_arn"); }
  Expr cloudfront_distribution_domain_name() const { return output("cloudfront_distribution_domain_name"); }
  Expr cloudfront_distribution_hosted_zone_id() const { return output("cloudfront_distribution_hosted_zone_id"); }
};

/// terraform-aws-modules/elasticache/aws "1.10.3".
class ElastiCacheModule : public ModuleCall {
 public:
  static constexpr const char* kSource = "terraform-aws-modules/elasticache/aws";
  static constexpr const char* kVersion = "1.10.3";
  ElastiCacheModule(Construct& scope, std::string id, Arguments inputs)
      : ModuleCall(scope, std::move(id), {.source = kSource, .version = kVersion, .inputs = std::move(inputs)}) {}
  Expr replication_group_id() const { return output("replication_group_id"); }
  Expr replication_group_primary_endpoint_address() const { return output("replication_group_primary_endpoint_address"); }
  Expr security_group_id() const { return output("security_group_id"); }
};

}  // namespace lcsynth::librechat
