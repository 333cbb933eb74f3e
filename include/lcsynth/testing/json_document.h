#pragma once
// Reading a JSON document back out of a synthesized string property (an IAM policy, a task
// definition), whether lcsynth rendered it with jsonencode() or it was written as JSON text.

#include <optional>

#include <nlohmann/json.hpp>

namespace lcsynth::testing {

/// The document held by `value`, or nullopt when it holds none.
///
/// lcsynth renders fn::jsonencode(x) as "${jsonencode(<HCL of x>)}". That HCL is the exact
/// subset Expr::to_hcl writes, so it is decoded into the JSON that Terraform would see in a
/// JSON attribute: objects, lists, numbers, bools and null become JSON; quoted strings become
/// strings (interpolations kept as "${...}", escapes "$${" kept); any other expression
/// (a reference, a call, a conditional) becomes the string "${<expression>}".
///   "${jsonencode({\"Version\" = \"2012-10-17\", \"Resource\" = var.arns})}"
///   -> {"Resource": "${var.arns}", "Version": "2012-10-17"}
/// Any other string is parsed as JSON text.
std::optional<nlohmann::json> decode_json_document(const nlohmann::json& value);

}  // namespace lcsynth::testing
