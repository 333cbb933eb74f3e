#pragma once
// One stack synthesized in memory for assertions: every block of its root module and of its
// local modules, addressed by full Terraform address or by construct path, plus the construct
// tree and its dependency graph.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/diagnostic.h"
#include "lcsynth/graph.h"
#include "lcsynth/synthesizer.h"

namespace lcsynth {
class App;
class Construct;
class Stack;
}  // namespace lcsynth

namespace lcsynth::testing {

enum class BlockKind { kResource, kDataSource, kModuleCall, kOutput };

/// One synthesized block of the stack, from whichever module document holds it.
struct Block {
  BlockKind kind = BlockKind::kResource;
  /// The resource or data source type, the module call's source, or the output's name.
  std::string type;
  /// Full address from the root module: "module.backend.aws_lambda_function.api",
  /// "data.aws_vpc.existing", "module.frontend.module.cloudfront", "module.backend.output.x".
  std::string address;
  /// Construct path ("librechat/backend/api"); "" for outputs that synthesis generated.
  std::string path;
  /// The file that holds the block: "stacks/librechat/modules/backend/main.tf.json".
  std::string file;
  /// The block body as rendered, without its "//" metadata.
  nlohmann::json body;
  /// The construct that rendered it (an element or a module boundary), or nullptr.
  const Construct* construct = nullptr;
};

/// A stack synthesized in memory. Validation errors are kept, not thrown: assertions on the
/// output then fail and list them, while graph assertions still work on the construct tree
/// (so a dependency cycle can be asserted on). The App must outlive the Synth unless the Synth
/// owns it (the shared_ptr overload of synth()).
class Synth {
 public:
  const std::string& stack_name() const;
  const Stack& stack() const { return *stack_; }
  /// Empty when synthesis failed.
  const Assembly& assembly() const { return assembly_; }
  /// The findings that stopped synthesis; empty when it succeeded.
  const std::vector<Diagnostic>& errors() const { return errors_; }
  bool synthesized() const { return errors_.empty(); }
  /// Every block of the root module, then of each local module, in file and key order.
  const std::vector<Block>& blocks() const { return blocks_; }

  /// The block at `target`: a full address (anything with a '.'), or a construct path, either
  /// from the app ("librechat/backend/api") or from the stack ("backend/api"). Null if none.
  const Block* try_find(std::string_view target) const;
  /// Same; throws Error "nothing at 'x' in stack 's'" with the closest address or path.
  const Block& find(std::string_view target) const;
  /// The construct at `target` (same forms; elements, module boundaries, groups), or null.
  const Construct* try_find_construct(std::string_view target) const;
  /// Same; throws Error like find().
  const Construct& find_construct(std::string_view target) const;
  /// What find() (or, with `constructs`, find_construct()) says when nothing is at `target`:
  /// "nothing at 'x' in stack 's'" with the closest address or path as "did you mean".
  std::string nothing_at(std::string_view target, bool constructs = false) const;

  /// A construct's full Terraform address, or its path when it renders no block of its own.
  std::string address_of(const Construct& c) const;
  const DependencyGraph& graph() const { return *graph_; }
  /// Full addresses (sorted) of the resources, data sources and module calls that elements
  /// under `c` depend on, directly or transitively, outside `c` itself.
  std::vector<std::string> reachable_from(const Construct& c) const;

 private:
  friend Synth synth(std::shared_ptr<App> app, std::string_view stack);
  Synth(std::shared_ptr<App> app, const Stack& stack);
  void index_tree();
  void add_module(const StackArtifact& artifact, const std::string& file, const std::string& prefix, const std::string& module_path);
  void add_blocks(const std::string& file, const nlohmann::json& document, const std::string& prefix, const std::string& module_path);
  static std::string whole_path(const nlohmann::json& body, const std::string& prefix, const std::string& module_path);

  std::shared_ptr<App> app_;
  const Stack* stack_;
  Assembly assembly_;
  std::vector<Diagnostic> errors_;
  std::vector<Block> blocks_;
  std::unordered_map<std::string, const Construct*> by_address_;
  std::unique_ptr<DependencyGraph> graph_;
};

/// Synthesizes only `stack` of `app`, in memory. The Synth keeps `app` alive. Throws
/// ConstructError (with "did you mean") for an unknown stack name.
Synth synth(std::shared_ptr<App> app, std::string_view stack);
/// Same, for an App that the caller keeps alive for as long as the Synth is used.
Synth synth(App& app, std::string_view stack);

/// "resource", "data source", "module call", "output"; plural with an "s".
std::string to_string(BlockKind kind, bool plural = false);

}  // namespace lcsynth::testing
