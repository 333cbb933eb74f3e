// Dependency graph of one stack and cycle detection by iterative depth-first search (no
// recursion, so very deep chains cannot overflow the stack).

#include "lcsynth/graph.h"

#include <algorithm>

#include "lcsynth/element.h"
#include "lcsynth/stack.h"

namespace lcsynth {

// Nodes are numbered in tree order: edges and marks live in vectors by number, and each
// element is looked up by address once per edge, not once per visit.
DependencyGraph::DependencyGraph(const Stack& stack) {
  stack.walk([&](const Construct& c) {
    if (const TerraformElement* e = c.as_element()) nodes_.push_back(e);
  });
  index_.reserve(nodes_.size());
  for (std::uint32_t i = 0; i < nodes_.size(); ++i) index_.emplace_back(nodes_[i], i);
  std::sort(index_.begin(), index_.end());
  first_.reserve(nodes_.size() + 1);
  first_.push_back(0);
  for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
    const TerraformElement* e = nodes_[i];
    // An element's dependencies are a handful: a linear search keeps them unique.
    auto add = [&](const TerraformElement* t) {
      std::uint32_t j = index_of(t);
      if (j != kNotANode && std::find(targets_.begin() + first_[i], targets_.end(), j) == targets_.end()) targets_.push_back(j);
    };
    e->visit_exprs([&](const Expr& x) { x.visit_refs([&](const TerraformElement& t, std::string_view) { add(&t); }); });
    for (const Construct* d : e->explicit_dependencies()) {
      d->walk([&](const Construct& c) {
        if (const TerraformElement* t = c.as_element()) add(t);
      });
    }
    first_.push_back(static_cast<std::uint32_t>(targets_.size()));
  }
}

std::uint32_t DependencyGraph::index_of(const TerraformElement* e) const {
  auto it = std::lower_bound(index_.begin(), index_.end(), e, [](const auto& entry, const TerraformElement* x) { return entry.first < x; });
  return it == index_.end() || it->first != e ? kNotANode : it->second;
}

std::vector<const TerraformElement*> DependencyGraph::dependencies(const TerraformElement& e) const {
  std::vector<const TerraformElement*> out;
  if (std::uint32_t i = index_of(&e); i != kNotANode)
    for (std::uint32_t j : edges_of(i)) out.push_back(nodes_[j]);
  return out;
}

std::vector<const TerraformElement*> DependencyGraph::reachable_from(const TerraformElement& e) const {
  std::vector<const TerraformElement*> out;
  std::uint32_t from = index_of(&e);
  if (from == kNotANode) return out;
  std::vector<bool> seen(nodes_.size());
  std::vector<std::uint32_t> pending(edges_of(from).rbegin(), edges_of(from).rend());
  while (!pending.empty()) {
    std::uint32_t n = pending.back();
    pending.pop_back();
    if (seen[n]) continue;
    seen[n] = true;
    out.push_back(nodes_[n]);
    for (auto it = edges_of(n).rbegin(); it != edges_of(n).rend(); ++it) pending.push_back(*it);
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
      std::span<const std::uint32_t> deps = edges_of(top.node);
      if (top.next == deps.size()) {
        mark[top.node] = Mark::kDone;
        path.pop_back();
        continue;
      }
      std::uint32_t next = deps[top.next++];
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
