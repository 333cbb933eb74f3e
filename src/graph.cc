// Dependency graph of one stack and cycle detection by iterative depth-first search (no
// recursion, so very deep chains cannot overflow the stack).

#include "lcsynth/graph.h"

#include <algorithm>
#include <unordered_set>

#include "lcsynth/element.h"
#include "lcsynth/stack.h"

namespace lcsynth {

namespace {
// An element's dependencies are a handful: a linear search beats a hash set per element.
void add_unique(std::vector<const TerraformElement*>& list, const TerraformElement* e) {
  if (std::find(list.begin(), list.end(), e) == list.end()) list.push_back(e);
}
}  // namespace

// Nodes are numbered in tree order: edges and marks live in vectors by number, and each
// element is looked up by address once per edge, not once per visit.
DependencyGraph::DependencyGraph(const Stack& stack) {
  stack.walk([&](const Construct& c) {
    if (const TerraformElement* e = c.as_element()) nodes_.push_back(e);
  });
  index_.reserve(nodes_.size());
  for (std::uint32_t i = 0; i < nodes_.size(); ++i) index_.emplace(nodes_[i], i);
  edges_.resize(nodes_.size());
  for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
    const TerraformElement* e = nodes_[i];
    auto& out = edges_[i];
    e->visit_exprs([&](const Expr& x) {
      x.visit_refs([&](const TerraformElement& t, std::string_view) {
        if (index_of(&t) != kNotANode) add_unique(out, &t);
      });
    });
    for (const Construct* d : e->explicit_dependencies()) {
      d->walk([&](const Construct& c) {
        if (const TerraformElement* t = c.as_element(); t && index_of(t) != kNotANode) add_unique(out, t);
      });
    }
  }
}

std::uint32_t DependencyGraph::index_of(const TerraformElement* e) const {
  auto it = index_.find(e);
  return it == index_.end() ? kNotANode : it->second;
}

const std::vector<const TerraformElement*>& DependencyGraph::dependencies(const TerraformElement& e) const {
  static const std::vector<const TerraformElement*> kNone;
  std::uint32_t i = index_of(&e);
  return i == kNotANode ? kNone : edges_[i];
}

std::vector<const TerraformElement*> DependencyGraph::reachable_from(const TerraformElement& e) const {
  std::vector<const TerraformElement*> out;
  std::unordered_set<const TerraformElement*> seen;
  std::vector<const TerraformElement*> pending(dependencies(e).rbegin(), dependencies(e).rend());
  while (!pending.empty()) {
    const TerraformElement* n = pending.back();
    pending.pop_back();
    if (!seen.insert(n).second) continue;
    out.push_back(n);
    for (auto it = dependencies(*n).rbegin(); it != dependencies(*n).rend(); ++it) pending.push_back(*it);
  }
  return out;
}

std::vector<const TerraformElement*> DependencyGraph::find_cycle() const {
  enum class Mark : std::uint8_t { kNew, kActive, kDone };
  std::vector<Mark> mark(nodes_.size(), Mark::kNew);
  struct Frame {
    std::uint32_t node;
    std::uint32_t next;  // the next of its dependencies to follow
  };
  std::vector<Frame> path;
  for (std::uint32_t root = 0; root < nodes_.size(); ++root) {
    if (mark[root] != Mark::kNew) continue;
    path.assign(1, Frame{root, 0});
    mark[root] = Mark::kActive;
    while (!path.empty()) {
      Frame& top = path.back();
      const auto& deps = edges_[top.node];
      if (top.next == deps.size()) {
        mark[top.node] = Mark::kDone;
        path.pop_back();
        continue;
      }
      std::uint32_t next = index_of(deps[top.next++]);  // always a node: edges only join nodes
      if (mark[next] == Mark::kActive) {
        std::vector<const TerraformElement*> cycle;
        auto start = std::find_if(path.begin(), path.end(), [&](const Frame& f) { return f.node == next; });
        for (auto it = start; it != path.end(); ++it) cycle.push_back(nodes_[it->node]);
        cycle.push_back(nodes_[next]);
        return cycle;
      }
      if (mark[next] == Mark::kNew) {
        mark[next] = Mark::kActive;
        path.push_back({next, 0});
      }
    }
  }
  return {};
}

std::string describe_cycle(const std::vector<const TerraformElement*>& cycle) {
  std::string s;
  for (const TerraformElement* e : cycle) s += (s.empty() ? "" : " -> ") + e->path() + " (" + e->address() + ")";
  return s;
}

}  // namespace lcsynth
