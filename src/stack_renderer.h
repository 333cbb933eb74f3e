#pragma once
// Internal: renders one validated stack into Terraform JSON documents, one per module.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lcsynth {
class Stack;
namespace detail {
class CrossStackLinks;

/// One module's document, final.
struct RenderedDocument {
  std::string path;         ///< under the stack's directory: "cdk.tf.json", "modules/x/main.tf.json"
  nlohmann::json doc;
  std::string prefix;       ///< the module's address prefix: "" for the stack, "module.x." ...
  std::string module_path;  ///< the construct path of the module (the stack, or the boundary)
};
using DocumentCallback = std::function<void(RenderedDocument&&)>;

/// Renders a stack that passed validate_stack(), handing each module's document to `emit` as
/// soon as it is final: modules before the module that calls them, the stack's root last.
void render_stack(const Stack& stack, const CrossStackLinks& links, const DocumentCallback& emit);
/// The paths render_stack() hands documents under, in the same form, before rendering: the
/// stack's "cdk.tf.json", then each module's "<directory>/main.tf.json" in tree order.
std::vector<std::string> document_paths(const Stack& stack);
/// The same, collected: relative path -> document.
std::map<std::string, nlohmann::json> render_stack(const Stack& stack, const CrossStackLinks& links);
}  // namespace detail
}  // namespace lcsynth
