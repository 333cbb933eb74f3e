// Which module calls can share a source directory: equal documents (compared in full, after
// their hashes), the same caller and the same suppressions.

#include "shared_modules.h"

#include <algorithm>
#include <vector>

#include "lcsynth/module_boundary.h"
#include "lcsynth/stack.h"

namespace lcsynth::detail {

namespace {
void mix(size_t& seed, size_t value) { seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2); }

// The keys of `document` down to three levels, in order (equal documents have equal shapes).
size_t shape_of(const nlohmann::json& document, int depth = 0) {
  size_t seed = document.size();
  if (depth == 3 || !document.is_object()) return seed;
  for (const auto& [key, value] : document.items()) {
    mix(seed, std::hash<std::string>{}(key));
    mix(seed, shape_of(value, depth + 1));
  }
  return seed;
}
}  // namespace

SharedModules::SharedModules(const Stack& stack, bool concurrent) : concurrent_(concurrent) {
  candidates_.reserve(kCandidates);
  for (const Suppression& s : stack.suppressions()) suppressions_.emplace(s.scope, &s);
}

// The suppressions that apply inside `module`, as text that is equal for two modules exactly when
// the same ones apply to both: those on the module or a construct above it (they cover all of
// it) and those on constructs under it, by their paths relative to it.
SharedModules::Key SharedModules::key_of(const ModuleBoundary& module, const nlohmann::json& document) const {
  Key key{module.parent_scope(), shape_of(document), {}, std::nullopt};
  if (concurrent_) key.hash = std::hash<nlohmann::json>{}(document);
  if (suppressions_.empty()) return key;
  std::vector<std::string> applying;
  auto entry = [](std::string_view scope, const Suppression& s) {
    return std::string(scope).append(1, '\0').append(s.rule).append(1, '\0').append(s.reason);
  };
  for (const Construct* c = &module; c != nullptr; c = c->parent()) {
    auto [first, last] = suppressions_.equal_range(c->path());
    for (auto it = first; it != last; ++it) applying.push_back(entry("", *it->second));
  }
  std::string inside = module.path() + "/";
  for (auto it = suppressions_.lower_bound(inside); it != suppressions_.end() && it->first.starts_with(inside); ++it)
    applying.push_back(entry(std::string_view(it->first).substr(inside.size()), *it->second));
  std::sort(applying.begin(), applying.end());
  applying.erase(std::unique(applying.begin(), applying.end()), applying.end());
  for (const std::string& a : applying) key.suppressions.append(a).append(1, '\n');
  return key;
}

SharedModules::Found SharedModules::find(Key& key, const nlohmann::json& document, size_t from) const {
  size_t remembered = remembered_.load(std::memory_order_acquire);
  for (size_t i = from; i < remembered; ++i) {
    const Candidate& c = candidates_[i];
    if (c.key.shape != key.shape || c.key.caller != key.caller || c.key.suppressions != key.suppressions) continue;
    if (!key.hash) key.hash = std::hash<nlohmann::json>{}(document);
    if (!c.key.hash) c.key.hash = std::hash<nlohmann::json>{}(*c.document);  // not concurrent_: remember() made it
    if (*c.key.hash == *key.hash && *c.document == document) return {c.module, i + 1};
  }
  return {nullptr, remembered};
}

void SharedModules::remember(Key key, const ModuleBoundary& module, std::shared_ptr<const nlohmann::json> document) {
  if (candidates_.size() == kCandidates) return;
  if (concurrent_ && !key.hash) key.hash = std::hash<nlohmann::json>{}(*document);  // find() on other threads only reads
  candidates_.push_back({std::move(key), &module, std::move(document)});  // within the capacity: a reader's elements stay
  remembered_.store(candidates_.size(), std::memory_order_release);
}

}  // namespace lcsynth::detail
