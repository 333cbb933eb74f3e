#pragma once
// The spec's "api-gateway" module: a REST API (v1) whose /api/{proxy+} streams Lambda
// responses, with a CORS preflight, a redeploying deployment and a named stage.

#include "lcsynth/module_boundary.h"
#include "stacks/librechat/config.h"

namespace lcsynth::librechat {

class ApiGateway : public ModuleBoundary {
 public:
  /// Module inputs (module-interfaces.md, "Module: api-gateway"), two more (the API's name and
  /// the one origin CORS allows, from `settings` and `cors_allowed_origin`), and settings
  /// written as literals (the stage name).
  struct Props {
    Expr lambda_function_arn;
    Expr lambda_invoke_arn;
    Expr lambda_response_streaming_invoke_arn;
    Expr region;
    Expr tags;
    ApiSettings settings;
    std::string cors_allowed_origin;  ///< e.g. https://lambda-test.sandbox.data.apro.is
  };
  ApiGateway(Construct& scope, std::string id, Props props);

  Expr rest_api_id() const { return output_ref("rest_api_id"); }
  Expr rest_api_execution_arn() const { return output_ref("rest_api_execution_arn"); }
  Expr invoke_url() const { return output_ref("invoke_url"); }
};

}  // namespace lcsynth::librechat
