// The graph of the construct tree, built in three steps: every element of the selected stacks
// with its direct dependencies (references and depends_on, across stacks too), then the nodes
// of the requested level in tree order, then that level's edges (direct, collapsed through
// variables/outputs/locals, or aggregated per module). The renderers walk the nodes as a tree
// of clusters and write the edges after them, in the graph's order, so output is deterministic.

#include "lcsynth/graph_export.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "lcsynth/app.h"
#include "lcsynth/local.h"
#include "lcsynth/module_boundary.h"
#include "lcsynth/module_call.h"
#include "lcsynth/moved.h"
#include "lcsynth/output.h"
#include "lcsynth/provider.h"
#include "lcsynth/resource.h"
#include "lcsynth/stack.h"
#include "lcsynth/variable.h"

namespace lcsynth {

namespace {

GraphNodeKind kind_of(const TerraformElement& e) {
  if (dynamic_cast<const DataSource*>(&e)) return GraphNodeKind::kData;
  if (dynamic_cast<const ModuleCall*>(&e)) return GraphNodeKind::kModuleCall;
  if (dynamic_cast<const TerraformVariable*>(&e)) return GraphNodeKind::kVariable;
  if (dynamic_cast<const TerraformOutput*>(&e)) return GraphNodeKind::kOutput;
  if (dynamic_cast<const TerraformLocal*>(&e)) return GraphNodeKind::kLocal;
  if (dynamic_cast<const Provider*>(&e)) return GraphNodeKind::kProvider;
  return GraphNodeKind::kResource;  // Resource, and any other element a program defines
}

// What the resources level keeps: the elements Terraform creates or reads.
bool is_kept(GraphNodeKind k) {
  return k == GraphNodeKind::kResource || k == GraphNodeKind::kData || k == GraphNodeKind::kModuleCall;
}

// The stronger of two findings about one pair: cross-stack, then reference, then depends_on
// (an element that both references and depends on another shows the reference).
GraphEdgeKind stronger(GraphEdgeKind a, GraphEdgeKind b) {
  auto rank = [](GraphEdgeKind k) { return k == GraphEdgeKind::kCrossStack ? 2 : k == GraphEdgeKind::kReference ? 1 : 0; };
  return rank(a) >= rank(b) ? a : b;
}

// "module.backend", or "module.outer.module.inner" for a nested boundary.
std::string module_address(const ModuleBoundary& b) { return address_prefix(*b.parent_scope()) + "module." + b.module_name(); }

const ModuleBoundary* enclosing_boundary(const Construct& c) {
  const ModuleScope& scope = ModuleScope::of(c);
  return scope.is_stack() ? nullptr : static_cast<const ModuleBoundary*>(&scope);
}

bool has_boundary(const Stack& stack) {
  bool found = false;
  stack.walk([&](const Construct& c) { found = found || dynamic_cast<const ModuleBoundary*>(&c) != nullptr; });
  return found;
}

// Step 1: the elements of the selected stacks and their direct dependencies.
class ElementGraph {
 public:
  struct Entry {
    const TerraformElement* element;
    const Stack* stack;
    GraphNodeKind kind;
    std::map<size_t, GraphEdgeKind> out;  // dependency -> kReference or kDependsOn
  };

  explicit ElementGraph(const std::vector<const Stack*>& stacks) {
    for (const Stack* s : stacks)
      s->walk([&](const Construct& c) {
        const auto* e = dynamic_cast<const TerraformElement*>(&c);
        if (e == nullptr || dynamic_cast<const Moved*>(e) != nullptr) return;  // moved blocks order nothing
        index_[e] = entries_.size();
        entries_.push_back({e, s, kind_of(*e), {}});
      });
    for (size_t i = 0; i < entries_.size(); ++i) add_dependencies(i);
    for (const Stack* s : stacks)
      s->walk([&](const Construct& c) {
        if (const auto* b = dynamic_cast<const ModuleBoundary*>(&c)) add_module_dependencies(*b);
      });
  }

  const std::vector<Entry>& entries() const { return entries_; }
  /// The entry of `c`, or npos when `c` is not an element of a selected stack.
  size_t index_of(const Construct& c) const {
    auto it = index_.find(dynamic_cast<const TerraformElement*>(&c));
    return it == index_.end() ? kNpos : it->second;
  }
  static constexpr size_t kNpos = static_cast<size_t>(-1);

 private:
  void add(size_t from, const TerraformElement& to, GraphEdgeKind how) {
    auto it = index_.find(&to);
    if (it == index_.end() || it->second == from) return;  // another stack not selected, or itself
    auto [at, inserted] = entries_[from].out.emplace(it->second, how);
    if (!inserted) at->second = stronger(at->second, how);
  }

  // depends_on a module boundary (or a group) means every resource, data source and module
  // call inside it: what Terraform waits for. Its variables would lead back out of it.
  void add_depends_on(size_t from, const Construct& target) {
    if (const auto* e = dynamic_cast<const TerraformElement*>(&target)) return add(from, *e, GraphEdgeKind::kDependsOn);
    target.walk([&](const Construct& c) {
      const auto* e = dynamic_cast<const TerraformElement*>(&c);
      if (e != nullptr && is_kept(kind_of(*e))) add(from, *e, GraphEdgeKind::kDependsOn);
    });
  }

  void add_dependencies(size_t i) {
    const TerraformElement& e = *entries_[i].element;
    e.visit_exprs([&](const Expr& x) {
      x.visit_refs([&](const TerraformElement& t, std::string_view) { add(i, t, GraphEdgeKind::kReference); });
    });
    for (const Construct* d : e.explicit_dependencies()) add_depends_on(i, *d);
  }

  // A module-level depends_on holds for everything the module creates or reads.
  void add_module_dependencies(const ModuleBoundary& b) {
    if (b.dependencies().empty()) return;
    b.walk([&](const Construct& c) {
      size_t i = index_of(c);
      if (i == kNpos || !is_kept(entries_[i].kind)) return;
      for (const Construct* d : b.dependencies()) add_depends_on(i, *d);
    });
  }

  std::vector<Entry> entries_;
  std::unordered_map<const TerraformElement*, size_t> index_;
};

std::vector<const Stack*> select_stacks(const App& app, const std::vector<std::string>& names) {
  for (const auto& n : names) app.find_stack(n);  // throws for an unknown name, with "did you mean"
  std::vector<const Stack*> out;
  for (const Stack* s : app.stacks())
    if (names.empty() || std::find(names.begin(), names.end(), s->id()) != names.end()) out.push_back(s);
  return out;
}

// Steps 2 and 3: the nodes and edges of one level.
class LevelBuilder {
 public:
  LevelBuilder(const ElementGraph& elements, GraphLevel level) : elements_(elements), level_(level) {}

  Graph build(const std::vector<const Stack*>& stacks) {
    graph_.level = level_;
    for (const Stack* s : stacks) {
      if (level_ == GraphLevel::kModules) add_module_nodes(*s);
      else add_element_nodes(*s);
    }
    drop_empty_clusters();
    for (size_t i = 0; i < graph_.nodes.size(); ++i) position_[graph_.nodes[i].id] = i;
    if (level_ == GraphLevel::kElements) {
      for (size_t i = 0; i < entries().size(); ++i)
        for (const auto& [j, how] : entries()[i].out) add_edge(i, j, how);
    } else {
      for (size_t i = 0; i < entries().size(); ++i)
        if (is_kept(entries()[i].kind)) add_collapsed_edges(i);
    }
    for (const auto& [ends, how] : edges_)
      graph_.edges.push_back({graph_.nodes[ends.first].id, graph_.nodes[ends.second].id, how});
    return std::move(graph_);
  }

 private:
  const std::vector<ElementGraph::Entry>& entries() const { return elements_.entries(); }

  void add_node(std::string id, std::string label, GraphNodeKind kind, std::string parent) {
    graph_.nodes.push_back({std::move(id), std::move(label), kind, std::move(parent)});
  }

  // Resources and elements levels: clusters for the stack and each boundary, in tree order.
  void add_element_nodes(const Stack& stack) {
    add_node(stack.path(), stack.id(), GraphNodeKind::kStack, "");
    stack.walk([&](const Construct& c) {
      if (const auto* b = dynamic_cast<const ModuleBoundary*>(&c)) {
        add_node(b->path(), "module." + b->module_name(), GraphNodeKind::kModule, b->parent_scope()->path());
        return;
      }
      size_t i = elements_.index_of(c);
      if (i == ElementGraph::kNpos || (level_ != GraphLevel::kElements && !is_kept(entries()[i].kind))) return;
      node_of_[i] = c.path();
      std::string label = entries()[i].element->address();
      if (entries()[i].kind == GraphNodeKind::kProvider) label = "provider." + label;  // "aws" alone reads as a type
      add_node(c.path(), std::move(label), entries()[i].kind, ModuleScope::of(c).path());
    });
  }

  // Modules level: a stack is one node, or a cluster of its boundaries (and of its root
  // module, when that holds resources of its own).
  void add_module_nodes(const Stack& stack) {
    bool clustered = has_boundary(stack);
    add_node(stack.path(), stack.id(), GraphNodeKind::kStack, "");
    std::string root = clustered ? stack.path() + ":root" : stack.path();
    bool root_has_resources = false;
    for (size_t i = 0; i < entries().size(); ++i) {
      const auto& e = entries()[i];
      if (e.stack != &stack || !is_kept(e.kind)) continue;
      const ModuleBoundary* b = enclosing_boundary(*e.element);
      node_of_[i] = b != nullptr ? b->path() : root;
      root_has_resources = root_has_resources || b == nullptr;
    }
    if (clustered && root_has_resources) add_node(root, "root module", GraphNodeKind::kRootModule, stack.path());
    stack.walk([&](const Construct& c) {
      if (const auto* b = dynamic_cast<const ModuleBoundary*>(&c))
        add_node(b->path(), module_address(*b), GraphNodeKind::kModule, stack.path());
    });
  }

  // Clusters at the resources and elements levels exist to hold something.
  void drop_empty_clusters() {
    if (level_ == GraphLevel::kModules) return;
    std::unordered_map<std::string, std::string> parent_of;
    for (const auto& n : graph_.nodes) parent_of[n.id] = n.parent;
    std::set<std::string> used;
    for (const auto& n : graph_.nodes)
      if (n.kind != GraphNodeKind::kStack && n.kind != GraphNodeKind::kModule)
        for (std::string p = n.parent; !p.empty() && used.insert(p).second;) p = parent_of.at(p);
    std::erase_if(graph_.nodes, [&](const GraphNode& n) {
      return (n.kind == GraphNodeKind::kStack || n.kind == GraphNodeKind::kModule) && !used.count(n.id);
    });
  }

  // From kept element `k`, every kept element reached through steps that are not kept
  // (variables, outputs, locals, providers). A path with a depends_on step is a depends_on.
  void add_collapsed_edges(size_t k) {
    std::set<std::pair<size_t, GraphEdgeKind>> seen;
    std::vector<std::pair<size_t, GraphEdgeKind>> pending(entries()[k].out.begin(), entries()[k].out.end());
    while (!pending.empty()) {
      auto [j, how] = pending.back();
      pending.pop_back();
      if (!seen.insert({j, how}).second) continue;
      if (is_kept(entries()[j].kind)) {
        add_edge(k, j, how);
        continue;
      }
      for (const auto& [next, step] : entries()[j].out)
        pending.push_back({next, how == GraphEdgeKind::kDependsOn || step == GraphEdgeKind::kDependsOn
                                     ? GraphEdgeKind::kDependsOn
                                     : GraphEdgeKind::kReference});
    }
  }

  // An edge between the nodes of two element entries.
  void add_edge(size_t from, size_t to, GraphEdgeKind how) {
    if (entries()[from].stack != entries()[to].stack) how = GraphEdgeKind::kCrossStack;
    auto ends = std::make_pair(position_.at(node_of_.at(from)), position_.at(node_of_.at(to)));
    if (ends.first == ends.second) return;  // at the modules level, a module's resources among themselves
    auto [at, inserted] = edges_.emplace(ends, how);
    if (!inserted) at->second = stronger(at->second, how);
  }

  const ElementGraph& elements_;
  GraphLevel level_;
  Graph graph_;
  std::unordered_map<size_t, std::string> node_of_;  // element entry -> its node's id
  std::unordered_map<std::string, size_t> position_;  // node id -> index in graph_.nodes
  std::map<std::pair<size_t, size_t>, GraphEdgeKind> edges_;  // sorted by position: deterministic
};

}  // namespace

Graph build_graph(const App& app, const GraphOptions& options) {
  std::vector<const Stack*> stacks = select_stacks(app, options.stacks);
  ElementGraph elements(stacks);
  return LevelBuilder(elements, options.level).build(stacks);
}

namespace {

// The clusters' children and the top-level nodes, in graph order.
struct ClusterTree {
  explicit ClusterTree(const Graph& g) {
    for (size_t i = 0; i < g.nodes.size(); ++i)
      (g.nodes[i].parent.empty() ? roots : children[g.nodes[i].parent]).push_back(i);
  }
  const std::vector<size_t>* children_of(const GraphNode& n) const {
    auto it = children.find(n.id);
    return it == children.end() ? nullptr : &it->second;
  }
  std::vector<size_t> roots;
  std::unordered_map<std::string, std::vector<size_t>> children;
};

// A DOT quoted string. Only '"' is an escape in DOT ids, but labels are escStrings where '\'
// starts one ("\N" is the node's name), so '\' is doubled everywhere: ids stay consistent and
// labels show exactly one backslash.
std::string dot_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A DOT label: quoted, and '&' written as "&amp;", because Graphviz decodes HTML entities in
// every label ("&lt;" would show as '<').
std::string dot_label(std::string_view s) {
  std::string amp;
  for (char c : s) amp += c == '&' ? std::string("&amp;") : std::string(1, c);
  return dot_quote(amp);
}

const char* dot_node_style(GraphNodeKind k) {
  switch (k) {
    case GraphNodeKind::kData: return ", style=rounded";
    case GraphNodeKind::kModuleCall: return ", shape=component";
    case GraphNodeKind::kModule:
    case GraphNodeKind::kRootModule: return ", shape=box3d";
    case GraphNodeKind::kStack: return ", shape=tab";
    case GraphNodeKind::kVariable:
    case GraphNodeKind::kOutput:
    case GraphNodeKind::kLocal: return ", shape=ellipse";
    case GraphNodeKind::kProvider: return ", shape=hexagon";
    case GraphNodeKind::kResource: return "";
  }
  return "";
}

void write_dot_nodes(const Graph& g, const ClusterTree& tree, const std::vector<size_t>& nodes, int depth, std::string& out) {
  std::string indent(2 * depth, ' ');
  for (size_t i : nodes) {
    const GraphNode& n = g.nodes[i];
    if (const auto* children = tree.children_of(n)) {
      out += indent + "subgraph " + dot_quote("cluster_" + n.id) + " {\n";
      out += indent + "  label=" + dot_label(n.label) + ";\n";
      out += indent + (n.kind == GraphNodeKind::kStack ? "  style=bold;\n" : "  style=rounded;\n");
      write_dot_nodes(g, tree, *children, depth + 1, out);
      out += indent + "}\n";
    } else {
      out += indent + dot_quote(n.id) + " [label=" + dot_label(n.label) + dot_node_style(n.kind) + "];\n";
    }
  }
}

// A Mermaid label inside "...": the characters Mermaid or the HTML it renders would read
// ('"', '#' that starts an entity code, '&', '<', '>', '`' that starts markdown, control
// characters) become entity codes such as "#34;", which Mermaid turns back into the character.
std::string mermaid_label(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '#' || c == '&' || c == '<' || c == '>' || c == '`' || u < 0x20 || u == 0x7f)
      out += "#" + std::to_string(u) + ";";
    else
      out += c;
  }
  return out + "\"";
}

// Mermaid ids: "n_" and the node id with every character outside [A-Za-z0-9_] as '_'. The
// prefix keeps ids off Mermaid's keywords ("end", "style", ...); a collision gets "_2", "_3"...
std::vector<std::string> mermaid_ids(const Graph& g) {
  std::vector<std::string> ids;
  std::set<std::string> used;
  for (const GraphNode& n : g.nodes) {
    std::string base = "n_";
    for (char c : n.id) {
      bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      base += word ? c : '_';
    }
    std::string id = base;
    for (int k = 2; !used.insert(id).second; ++k) id = base + "_" + std::to_string(k);
    ids.push_back(id);
  }
  return ids;
}

std::pair<const char*, const char*> mermaid_shape(GraphNodeKind k) {
  switch (k) {
    case GraphNodeKind::kData: return {"(", ")"};
    case GraphNodeKind::kModuleCall: return {"[[", "]]"};
    case GraphNodeKind::kVariable:
    case GraphNodeKind::kOutput:
    case GraphNodeKind::kLocal: return {"([", "])"};
    case GraphNodeKind::kProvider: return {"{{", "}}"};
    default: return {"[", "]"};
  }
}

void write_mermaid_nodes(const Graph& g, const ClusterTree& tree, const std::vector<std::string>& ids,
                         const std::vector<size_t>& nodes, int depth, std::string& out) {
  std::string indent(2 * depth, ' ');
  for (size_t i : nodes) {
    const GraphNode& n = g.nodes[i];
    if (const auto* children = tree.children_of(n)) {
      out += indent + "subgraph " + ids[i] + " [" + mermaid_label(n.label) + "]\n";
      write_mermaid_nodes(g, tree, ids, *children, depth + 1, out);
      out += indent + "end\n";
    } else {
      auto [open, close] = mermaid_shape(n.kind);
      out += indent + ids[i] + open + mermaid_label(n.label) + close + "\n";
    }
  }
}

std::unordered_map<std::string, size_t> positions(const Graph& g) {
  std::unordered_map<std::string, size_t> out;
  for (size_t i = 0; i < g.nodes.size(); ++i) out[g.nodes[i].id] = i;
  return out;
}

}  // namespace

std::string graph_dot(const Graph& graph) {
  std::string out =
      "digraph \"lcsynth\" {\n"
      "  rankdir=LR;\n"
      "  fontname=\"Helvetica,Arial,sans-serif\";\n"
      "  node [shape=box, fontname=\"Helvetica,Arial,sans-serif\"];\n"
      "  edge [fontname=\"Helvetica,Arial,sans-serif\"];\n";
  ClusterTree tree(graph);
  write_dot_nodes(graph, tree, tree.roots, 1, out);
  for (const GraphEdge& e : graph.edges) {
    out += "  " + dot_quote(e.from) + " -> " + dot_quote(e.to);
    if (e.kind == GraphEdgeKind::kDependsOn) out += " [style=dashed]";
    if (e.kind == GraphEdgeKind::kCrossStack) out += " [style=bold, color=\"#0969da\"]";
    out += ";\n";
  }
  return out + "}\n";
}

std::string graph_mermaid(const Graph& graph) {
  std::string out = "flowchart LR\n";
  ClusterTree tree(graph);
  std::vector<std::string> ids = mermaid_ids(graph);
  write_mermaid_nodes(graph, tree, ids, tree.roots, 1, out);
  auto at = positions(graph);
  for (const GraphEdge& e : graph.edges) {
    const char* arrow = e.kind == GraphEdgeKind::kDependsOn ? " -.-> " : e.kind == GraphEdgeKind::kCrossStack ? " ==> " : " --> ";
    out += "  " + ids[at.at(e.from)] + arrow + ids[at.at(e.to)] + "\n";
  }
  return out;
}

nlohmann::json graph_json(const Graph& graph) {
  auto nodes = nlohmann::json::array();
  for (const GraphNode& n : graph.nodes)
    nodes.push_back({{"id", n.id},
                     {"label", n.label},
                     {"kind", to_string(n.kind)},
                     {"parent", n.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(n.parent)}});
  auto edges = nlohmann::json::array();
  for (const GraphEdge& e : graph.edges) edges.push_back({{"from", e.from}, {"to", e.to}, {"kind", to_string(e.kind)}});
  return {{"level", to_string(graph.level)}, {"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

std::string_view to_string(GraphLevel level) {
  switch (level) {
    case GraphLevel::kModules: return "modules";
    case GraphLevel::kResources: return "resources";
    case GraphLevel::kElements: return "elements";
  }
  return "modules";
}

std::string_view to_string(GraphNodeKind kind) {
  switch (kind) {
    case GraphNodeKind::kStack: return "stack";
    case GraphNodeKind::kModule: return "module";
    case GraphNodeKind::kRootModule: return "root_module";
    case GraphNodeKind::kResource: return "resource";
    case GraphNodeKind::kData: return "data";
    case GraphNodeKind::kModuleCall: return "module_call";
    case GraphNodeKind::kVariable: return "variable";
    case GraphNodeKind::kOutput: return "output";
    case GraphNodeKind::kLocal: return "local";
    case GraphNodeKind::kProvider: return "provider";
  }
  return "resource";
}

std::string_view to_string(GraphEdgeKind kind) {
  switch (kind) {
    case GraphEdgeKind::kReference: return "reference";
    case GraphEdgeKind::kDependsOn: return "depends_on";
    case GraphEdgeKind::kCrossStack: return "cross_stack";
  }
  return "reference";
}

}  // namespace lcsynth
