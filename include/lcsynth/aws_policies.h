#pragma once
// lcsynth's AWS policy pack: the LibreChat spec's validation rules and the security basics, each
// with an id, a severity, the checkov/Trivy ids that check the same thing, and a fix.
// docs/policies.md lists them.

#include "lcsynth/policy.h"

namespace lcsynth {

/// The built-in AWS rules (built once).
const PolicyPack& aws_policy_pack();

}  // namespace lcsynth
