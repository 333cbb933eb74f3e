#pragma once
// Internal: renders one validated stack into Terraform JSON documents, one per module.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace lcsynth {
class Stack;
namespace detail {
class CrossStackLinks;
/// Relative path under the stack's directory ("cdk.tf.json", "modules/x/main.tf.json") ->
/// document. Expects a stack that passed validate_stack().
std::map<std::string, nlohmann::json> render_stack(const Stack& stack, const CrossStackLinks& links);
}  // namespace detail
}  // namespace lcsynth
