#pragma once
// The order in which stacks are deployed: every stack after the stacks it depends on. Used by
// the terraform wrappers (plan, deploy, destroy, output) and by `list --format json`.

#include <string>
#include <utility>
#include <vector>

namespace lcsynth {

struct Assembly;

/// A stack as the deployment order sees it: its name, its working directory relative to the
/// output directory ("stacks/<name>") and the names of the stacks it needs first.
struct StackNode {
  std::string name;
  std::string working_directory;
  std::vector<std::string> dependencies;
};

/// The stacks of a synthesis, in the assembly's (tree) order.
std::vector<StackNode> stack_nodes(const Assembly& assembly);

/// The result of order_stacks().
struct StackOrder {
  /// The selected stacks, each after every stack it depends on, directly or not.
  std::vector<StackNode> stacks;
  /// (stack, dependency) pairs: a selected stack depends on a stack that is not selected, in
  /// the order of `stacks`. Deploying only the selection assumes those are deployed already.
  std::vector<std::pair<std::string, std::string>> unselected_dependencies;
  /// (stack, dependent) pairs: a stack that is not selected depends on a selected one, in the
  /// order of `stacks`. Destroying only the selection leaves those without what they need.
  std::vector<std::pair<std::string, std::string>> unselected_dependents;
};

/// Orders `all` so that every stack comes after its dependencies; among stacks that are
/// ready at the same time, the one earlier in `all` comes first, so the order is stable and
/// independent dependencies keep their given order. A dependency on a name that is not in
/// `all` is not an edge (a partial output may lack it) and is reported as unselected. Only
/// the stacks named in `selected` are returned (all of them when it is empty), but the order
/// among them respects dependencies through stacks that are not selected.
///
/// Throws ConfigError "unknown stack 'x' (did you mean 'y'?); known stacks: ..." for a name in
/// `selected` that is not in `all`; Error for a name that appears twice in `all`; Error
/// "stack dependency cycle: a -> b -> a" when the dependencies form a cycle.
StackOrder order_stacks(const std::vector<StackNode>& all, const std::vector<std::string>& selected = {});

}  // namespace lcsynth
