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

DependencyGraph::DependencyGraph(const Stack& stack) {
  std::unordered_set<const TerraformElement*> in_stack;
  stack.walk([&](const Construct& c) {
    if (const TerraformElement* e = c.as_element()) {
      nodes_.push_back(e);
      in_stack.insert(e);
    }
  });
  edges_.reserve(nodes_.size());
  for (const TerraformElement* e : nodes_) {
    auto& out = edges_[e];
    e->visit_exprs([&](const Expr& x) {
      x.visit_refs([&](const TerraformElement& t, const std::string&) {
        if (in_stack.count(&t)) add_unique(out, &t);
      });
    });
    for (const Construct* d : e->explicit_dependencies()) {
      d->walk([&](const Construct& c) {
        if (const TerraformElement* t = c.as_element(); t && in_stack.count(t)) add_unique(out, t);
      });
    }
  }
}

const std::vector<const TerraformElement*>& DependencyGraph::dependencies(const TerraformElement& e) const {
  static const std::vector<const TerraformElement*> kNone;
  auto it = edges_.find(&e);
  return it == edges_.end() ? kNone : it->second;
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
  enum class Mark { kNew, kActive, kDone };
  std::unordered_map<const TerraformElement*, Mark> mark;
  mark.reserve(nodes_.size());
  struct Frame {
    const TerraformElement* node;
    size_t next;
  };
  for (const TerraformElement* root : nodes_) {
    if (mark[root] != Mark::kNew) continue;
    std::vector<Frame> path{{root, 0}};
    mark[root] = Mark::kActive;
    while (!path.empty()) {
      Frame& top = path.back();
      const auto& deps = dependencies(*top.node);
      if (top.next == deps.size()) {
        mark[top.node] = Mark::kDone;
        path.pop_back();
        continue;
      }
      const TerraformElement* next = deps[top.next++];
      Mark m = mark[next];
      if (m == Mark::kActive) {
        std::vector<const TerraformElement*> cycle;
        auto start = std::find_if(path.begin(), path.end(), [&](const Frame& f) { return f.node == next; });
        for (auto it = start; it != path.end(); ++it) cycle.push_back(it->node);
        cycle.push_back(next);
        return cycle;
      }
      if (m == Mark::kNew) {
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
