#pragma once
// The dependency graph of a stack's elements: an edge A -> B when A references B or lists it
// in depends_on (a module boundary in depends_on stands for every element inside it).

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace lcsynth {

class Construct;
class Stack;
class TerraformElement;

class DependencyGraph {
 public:
  /// Builds the graph of every element under `stack`. References to elements outside the
  /// stack are not edges (validation reports them).
  explicit DependencyGraph(const Stack& stack);

  /// Elements in tree order.
  const std::vector<const TerraformElement*>& nodes() const { return nodes_; }
  /// Direct dependencies of `e`, in first-seen order, without duplicates.
  std::vector<const TerraformElement*> dependencies(const TerraformElement& e) const;
  /// Every element `e` depends on, directly or not.
  std::vector<const TerraformElement*> reachable_from(const TerraformElement& e) const;
  /// The first cycle found (in tree order), as a closed chain a -> b -> ... -> a; empty when
  /// the graph is acyclic.
  std::vector<const TerraformElement*> find_cycle() const;

 private:
  /// The index of `e` in nodes_, or kNotANode for an element outside the stack.
  std::uint32_t index_of(const TerraformElement* e) const;
  /// The indices of node i's direct dependencies.
  std::span<const std::uint32_t> edges_of(std::uint32_t i) const { return {targets_.data() + first_[i], first_[i + 1] - first_[i]}; }
  static constexpr std::uint32_t kNotANode = UINT32_MAX;

  // Nodes by index, their (address, index) pairs sorted by address to find an index, and the
  // edges of all nodes in one array: node i's are targets_[first_[i]] up to targets_[first_[i + 1]].
  // A stack of 1,000 LibreChat copies has 80,000 elements: a hash node and a vector each were
  // 160,000 allocations, and their freeing, for one search.
  std::vector<const TerraformElement*> nodes_;
  std::vector<std::pair<const TerraformElement*, std::uint32_t>> index_;
  std::vector<std::uint32_t> first_;
  std::vector<std::uint32_t> targets_;
};

/// "a/b (aws_x.b) -> a/c (aws_x.c) -> a/b (aws_x.b)"
std::string describe_cycle(const std::vector<const TerraformElement*>& cycle);

}  // namespace lcsynth
