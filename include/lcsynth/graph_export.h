#pragma once
// A picture of the construct tree: stacks, module boundaries and Terraform elements as a plain
// graph (nodes that name the cluster holding them, edges from references and depends_on), and
// its renderings as Graphviz DOT, Mermaid and JSON. Used by `lcsynth graph`.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace lcsynth {

class App;

/// How much of the tree a graph shows.
enum class GraphLevel {
  /// One node per module: each module boundary, and the root module when it holds resources.
  /// A stack with module boundaries is a cluster of its module nodes; a stack without any is
  /// one node. Module A -> B when a resource in A depends on one in B (see kResources).
  kModules,
  /// Resources, data sources and module calls, in clusters by stack and module boundary.
  /// Variables, outputs and locals are collapsed: A -> B when A reaches B through references
  /// and depends_on whose intermediate steps are all variables, outputs, locals or providers.
  kResources,
  /// Every Terraform element except moved blocks, nothing collapsed: one edge per reference
  /// or depends_on.
  kElements,
};

enum class GraphNodeKind {
  kStack,       ///< a stack: a cluster, or a node when it has no module boundaries (kModules)
  kModule,      ///< a module boundary: a cluster, or a node (kModules)
  kRootModule,  ///< the resources directly in a stack that has module boundaries (kModules)
  kResource,
  kData,
  kModuleCall,  ///< a call to a registry (or path) module
  kVariable,
  kOutput,
  kLocal,
  kProvider,
};

enum class GraphEdgeKind {
  kReference,   ///< from an expression
  kDependsOn,   ///< from depends_on only (including a step through one)
  kCrossStack,  ///< between two stacks, whether by reference or depends_on
};

struct GraphNode {
  /// Unique and stable: the construct path ("librechat/backend/lambda"), or "<stack>:root" for
  /// a root module node.
  std::string id;
  /// What to show: a Terraform address in its module ("aws_lambda_function.lambda",
  /// "data.aws_iam_policy_document.assume", "module.redis"), a module's address
  /// ("module.backend"), a stack's name, or "root module".
  std::string label;
  GraphNodeKind kind = GraphNodeKind::kResource;
  /// The id of the cluster holding this node; "" at the top level. A node is drawn as a
  /// cluster exactly when some node names it as parent.
  std::string parent;
};

struct GraphEdge {
  std::string from;  ///< a node id: `from` depends on `to`
  std::string to;
  GraphEdgeKind kind = GraphEdgeKind::kReference;
};

/// Every parent precedes its children in `nodes` (tree order). Edges join nodes that are not
/// clusters, are sorted by the positions of `from` then `to`, with no duplicates and no
/// self-edges. A cluster that would hold nothing is left out.
struct Graph {
  GraphLevel level = GraphLevel::kModules;
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
};

struct GraphOptions {
  GraphLevel level = GraphLevel::kModules;
  /// Stacks to include, by id; empty for all. Edges to elements of other stacks are left out.
  std::vector<std::string> stacks;
};

/// The graph of `app`'s stacks at `options.level`. Throws ConstructError (with "did you mean")
/// for an unknown stack name.
Graph build_graph(const App& app, const GraphOptions& options = {});

/// Graphviz DOT: clusters for stacks and modules, left to right; depends_on edges dashed,
/// cross-stack edges bold. Ids and labels are quoted with '"' and '\' escaped (so a label
/// shows exactly its text, never a "\N" escape) and newlines as "\n"; in labels '&' is
/// written "&amp;", since Graphviz decodes entities there.
std::string graph_dot(const Graph& graph);

/// A Mermaid flowchart (`flowchart LR`) with subgraphs for clusters. Ids are the node ids
/// reduced to [A-Za-z0-9_] with an "n_" prefix (so no id is a Mermaid keyword; a collision
/// gets a "_2", "_3"... suffix); labels are quoted, with '"', '#', '&', '<', '>', '`' and
/// control characters written as Mermaid entity codes ("#34;"). Edges: reference -->,
/// depends_on -.->, cross-stack ==>.
std::string graph_mermaid(const Graph& graph);

/// {"level": "modules", "nodes": [{"id", "label", "kind", "parent"}], "edges": [{"from", "to",
/// "kind"}]}; "parent" is null at the top level. Kinds as in to_string() below.
nlohmann::json graph_json(const Graph& graph);

/// "modules", "resources", "elements".
std::string_view to_string(GraphLevel level);
/// "stack", "module", "root_module", "resource", "data", "module_call", "variable", "output",
/// "local", "provider".
std::string_view to_string(GraphNodeKind kind);
/// "reference", "depends_on", "cross_stack".
std::string_view to_string(GraphEdgeKind kind);

}  // namespace lcsynth
