#pragma once
// The spec's "backend" module: the LibreChat API as a container-image Lambda in the VPC, its
// security group and IAM role, and the file-upload bucket.

#include "lcsynth/module_boundary.h"
#include "stacks/librechat/config.h"

namespace lcsynth::librechat {

class Backend : public ModuleBoundary {
 public:
  /// Module inputs (module-interfaces.md, "Module: backend") and build-time settings that the
  /// spec hard-codes inside the module (written as literals).
  struct Props {
    Expr environment;
    Expr vpc_id;
    Expr private_subnet_ids;
    Expr redis_endpoint;
    Expr redis_security_group_id;
    Expr custom_domain;
    Expr config_s3_bucket;
    Expr config_s3_key;
    Expr ssm_parameter_arns;
    Expr tags;
    LambdaSettings lambda;
    CloudMapServices services;
    Expr ecr_repository_url;  ///< the registry stack's repository (read through remote state)
    std::optional<std::string> files_bucket_name;  ///< default librechat-lambda-files-${var.environment}
  };
  Backend(Construct& scope, std::string id, Props props);

  Expr lambda_function_arn() const { return output_ref("lambda_function_arn"); }
  Expr lambda_function_name() const { return output_ref("lambda_function_name"); }
  Expr lambda_invoke_arn() const { return output_ref("lambda_invoke_arn"); }
  Expr lambda_response_streaming_invoke_arn() const { return output_ref("lambda_response_streaming_invoke_arn"); }
  Expr lambda_security_group_id() const { return output_ref("lambda_security_group_id"); }
  Expr ecr_repository_url() const { return output_ref("ecr_repository_url"); }
  Expr files_bucket_name() const { return output_ref("files_bucket_name"); }
};

/// The URI API Gateway invokes for Lambda response streaming, built from a function ARN:
/// arn:aws:apigateway:<region>:lambda:path/2021-11-15/functions/<arn>/response-streaming-invocations
/// (the provider exports it only from 6.28; the region is the ARN's fourth field).
Expr response_streaming_invoke_arn(const Expr& function_arn);

}  // namespace lcsynth::librechat
