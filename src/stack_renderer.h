#pragma once
// Internal: renders one validated stack into Terraform JSON documents, one per module.

#include <functional>
#include <memory>
#include <string>

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
  /// When not empty, the path of an earlier document equal to this one, which the module's call
  /// uses instead: this one is not written (at `path` or anywhere), only done with.
  std::string same_as;
};
/// Takes a document. It may return a pointer that keeps the document as it was handed over (to
/// compare later modules with), or nullptr.
using DocumentCallback = std::function<std::shared_ptr<const nlohmann::json>(RenderedDocument&&)>;

struct RenderOptions {
  /// A module's call uses the directory of an earlier module called from the same module whose
  /// document is equal (shared_modules.h), for modules that call no local modules of their own.
  bool share_modules = false;
  /// Modules that call none of their own are rendered on two threads, this one and one started
  /// for the purpose; the documents are the same, handed to `emit` in the same order, on this one.
  bool two_threads = false;
};

/// Renders a stack that passed validate_stack(), handing each module's document to `emit` as
/// soon as it is final: modules before the module that calls them, the stack's root last.
void render_stack(const Stack& stack, const CrossStackLinks& links, const RenderOptions& options, const DocumentCallback& emit);
}  // namespace detail
}  // namespace lcsynth
