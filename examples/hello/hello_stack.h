#pragma once
// An example stack: a private S3 bucket as its own Terraform module, an IAM role that may read
// it, and a few of lcsynth's features (variables with validation, locals, an aliased
// provider, count, lifecycle, moved blocks) in a configuration `terraform validate` accepts.

#include <lcsynth/lcsynth.h>

namespace hello {

/// A private bucket, synthesized as the local module ./modules/site.
class SiteBucket : public lcsynth::ModuleBoundary {
 public:
  struct Props {
    lcsynth::Expr bucket_name;
    lcsynth::Expr tags;
  };
  SiteBucket(lcsynth::Construct& scope, std::string id, Props props);
  lcsynth::Expr bucket_arn() const { return output_ref("bucket_arn"); }
  lcsynth::Expr bucket_name() const { return output_ref("bucket_name"); }
};

/// Adds the "hello" stack. Config keys: "region" (default eu-west-1), "environment"
/// (default dev).
void build_hello_stack(lcsynth::App& app, const lcsynth::Config& config);

}  // namespace hello
