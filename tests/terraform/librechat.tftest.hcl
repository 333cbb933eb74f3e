# A plan of the synthesized librechat stack with a mocked AWS provider, run by
# tests/terraform/librechat_terraform_test.cc in a scratch copy of the output. Mocked values
# are fixed so that plan-time assertions can check the wiring end to end.

mock_provider "aws" {
  override_during = plan

  mock_data "aws_vpc" {
    defaults = { cidr_block = "10.20.0.0/16" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:librechat-api"
      invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:librechat-api/invocations"
    }
  }
  mock_resource "aws_api_gateway_rest_api" {
    defaults = { execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123" }
  }
  mock_resource "aws_api_gateway_stage" {
    defaults = { invoke_url = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/librechat-lambda-role" }
  }
  mock_resource "aws_cloudfront_function" {
    defaults = { arn = "arn:aws:cloudfront::123456789012:function/librechat-spa-rewrite-dev" }
  }
}

# The librechat-registry stack's state, read through terraform_remote_state.
override_data {
  target = data.terraform_remote_state.librechat_registry
  values = {
    outputs = { repository_url = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/librechat-lambda-api" }
  }
}

run "plan" {
  command = plan

  assert {
    condition     = module.backend.ecr_repository_url == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/librechat-lambda-api"
    error_message = "the backend does not read the registry stack's repository URL from its state"
  }

  assert {
    condition     = output.url == "https://lambda-test.sandbox.data.apro.is"
    error_message = "the stack's URL is not the custom domain"
  }
  assert {
    condition     = output.lambda_function_name == "librechat-api"
    error_message = "the Lambda function name is not the spec's"
  }
  assert {
    condition     = module.backend.lambda_response_streaming_invoke_arn == "arn:aws:apigateway:eu-west-1:lambda:path/2021-11-15/functions/arn:aws:lambda:eu-west-1:123456789012:function:librechat-api/response-streaming-invocations"
    error_message = "the streaming invoke ARN is not built from the function ARN"
  }
  assert {
    condition     = output.api_invoke_url == "https://abc123.execute-api.eu-west-1.amazonaws.com/prod"
    error_message = "the API invoke URL is not the stage's"
  }
}
