// The stack table: names are checked like construct ids, lookups suggest close names.

#include "lcsynth/catalog.h"

#include <fmt/format.h>

#include "lcsynth/construct.h"
#include "lcsynth/errors.h"

namespace lcsynth {

void StackCatalog::add(StackEntry entry) {
  if (!Construct::is_valid_id(entry.name)) throw Error(fmt::format("invalid stack name '{}' in the catalog", entry.name));
  if (try_find(entry.name) != nullptr) throw Error(fmt::format("stack '{}' is registered twice", entry.name));
  entries_.push_back(std::move(entry));
}

const StackEntry* StackCatalog::try_find(std::string_view name) const {
  for (const auto& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

const StackEntry& StackCatalog::find(std::string_view name) const {
  if (const StackEntry* e = try_find(name)) return *e;
  std::vector<std::string> names;
  for (const auto& e : entries_) names.push_back(e.name);
  throw ConfigError(fmt::format("unknown stack '{}'{}; known stacks: {}", name, did_you_mean(name, names),
                                names.empty() ? "(none)" : fmt::format("{}", fmt::join(names, ", "))));
}

}  // namespace lcsynth
