#pragma once
// The "jobs" stack: a work queue for thumbnail jobs and the IAM role its workers assume.

#include <lcsynth/lcsynth.h>

namespace jobs {

/// Adds the "jobs" stack. Config keys: "region" (default eu-west-1), "environment" (default
/// dev), "max_receive_count" (default 3).
void build_jobs_stack(lcsynth::App& app, const lcsynth::Config& config);

}  // namespace jobs
