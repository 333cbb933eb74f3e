// Deployment order of stacks: a stable topological sort (Kahn's algorithm, always taking the
// earliest ready stack in the given order), then the selection, then what it leaves out.

#include "lcsynth/stack_order.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lcsynth/errors.h"
#include "lcsynth/synthesizer.h"

namespace lcsynth {

std::vector<StackNode> stack_nodes(const Assembly& assembly) {
  std::vector<StackNode> out;
  for (const StackArtifact& s : assembly.stacks) out.push_back({s.name, s.working_directory, s.dependencies});
  return out;
}

namespace {
using Edges = std::vector<std::vector<size_t>>;  // edges[i]: indices of the stacks i depends on

// Every stack not placed has a dependency not placed, so following the first such dependency
// from the first unplaced stack must come back to a stack already on the path.
std::string describe_cycle(const std::vector<StackNode>& all, const Edges& edges, const std::vector<bool>& placed) {
  auto unplaced = [&](size_t i) { return !placed[i]; };
  std::vector<size_t> path{static_cast<size_t>(std::find(placed.begin(), placed.end(), false) - placed.begin())};
  while (true) {
    const auto& deps = edges[path.back()];
    size_t next = *std::find_if(deps.begin(), deps.end(), unplaced);
    auto seen = std::find(path.begin(), path.end(), next);
    if (seen != path.end()) {
      std::vector<std::string> names;
      for (auto it = seen; it != path.end(); ++it) names.push_back(all[*it].name);
      names.push_back(all[next].name);
      return fmt::format("stack dependency cycle: {}", fmt::join(names, " -> "));
    }
    path.push_back(next);
  }
}

std::vector<size_t> topological_order(const std::vector<StackNode>& all, const Edges& edges) {
  std::vector<bool> placed(all.size(), false);
  std::vector<size_t> order;
  auto is_placed = [&](size_t i) { return placed[i]; };
  while (order.size() < all.size()) {
    size_t next = all.size();
    for (size_t i = 0; i < all.size() && next == all.size(); ++i)
      if (!placed[i] && std::all_of(edges[i].begin(), edges[i].end(), is_placed)) next = i;
    if (next == all.size()) throw Error(describe_cycle(all, edges, placed));
    placed[next] = true;
    order.push_back(next);
  }
  return order;
}
}  // namespace

StackOrder order_stacks(const std::vector<StackNode>& all, const std::vector<std::string>& selected) {
  std::map<std::string, size_t> index;
  std::vector<std::string> names;
  for (size_t i = 0; i < all.size(); ++i) {
    if (!index.emplace(all[i].name, i).second) throw Error(fmt::format("stack '{}' is listed twice", all[i].name));
    names.push_back(all[i].name);
  }
  std::vector<bool> chosen(all.size(), selected.empty());
  for (const auto& name : selected) {
    auto it = index.find(name);
    if (it == index.end())
      throw ConfigError(fmt::format("unknown stack '{}'{}; known stacks: {}", name, did_you_mean(name, names),
                                    names.empty() ? "(none)" : fmt::format("{}", fmt::join(names, ", "))));
    chosen[it->second] = true;
  }

  Edges edges(all.size());
  for (size_t i = 0; i < all.size(); ++i)
    for (const auto& dep : all[i].dependencies)
      if (auto it = index.find(dep); it != index.end() && std::find(edges[i].begin(), edges[i].end(), it->second) == edges[i].end())
        edges[i].push_back(it->second);

  StackOrder out;
  for (size_t i : topological_order(all, edges)) {
    if (!chosen[i]) continue;
    out.stacks.push_back(all[i]);
    for (const auto& dep : all[i].dependencies) {
      auto it = index.find(dep);
      std::pair<std::string, std::string> missing{all[i].name, dep};
      bool listed = std::find(out.unselected_dependencies.begin(), out.unselected_dependencies.end(), missing) != out.unselected_dependencies.end();
      if ((it == index.end() || !chosen[it->second]) && !listed) out.unselected_dependencies.push_back(std::move(missing));
    }
    for (size_t j = 0; j < all.size(); ++j)
      if (!chosen[j] && std::find(edges[j].begin(), edges[j].end(), i) != edges[j].end())
        out.unselected_dependents.emplace_back(all[i].name, all[j].name);
  }
  return out;
}

}  // namespace lcsynth
