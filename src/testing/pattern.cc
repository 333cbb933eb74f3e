// Patterns: plain JSON compared structurally (objects as subsets, arrays item by item), plus
// matchers encoded as objects with the reserved key "$lcsynth.match". Matching collects every
// difference as "path: expected E, found A"; "contains" assigns items by bipartite matching.

#include "lcsynth/testing/pattern.h"

#include <optional>
#include <regex>

#include <fmt/format.h>

#include "lcsynth/errors.h"
#include "lcsynth/testing/json_document.h"
#include "pattern_match.h"
#include "property_path.h"

namespace lcsynth::testing {

namespace {
constexpr const char* kMatchKey = "$lcsynth.match";

Pattern matcher(const char* op, nlohmann::json fields = nlohmann::json::object()) {
  fields[kMatchKey] = op;
  return fields;
}

Pattern as_items(Pattern items) { return items.is_array() ? items : Pattern::array({std::move(items)}); }

const std::string* op_of(const Pattern& p) {
  if (!p.is_object()) return nullptr;
  auto it = p.find(kMatchKey);
  return it != p.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

std::regex compile(const std::string& expression) {
  try {
    return std::regex(expression, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw Error(fmt::format("invalid regular expression '{}': {}", expression, e.what()));
  }
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : separator) + p;
  return s;
}

std::string describe_matcher(const std::string& op, const Pattern& p) {
  const nlohmann::json& value = p.contains("value") ? p["value"] : p;
  if (op == "exact" || op == "regex") return fmt::format("{}({})", op, value.dump());
  if (op == "ordered" || op == "contains" || op == "json_document") return fmt::format("{}({})", op, describe(value));
  if (op == "capture") {
    std::string name = nlohmann::json(p.value("name", "")).dump();
    return op_of(value) && *op_of(value) == "any" ? fmt::format("capture({})", name)
                                                  : fmt::format("capture({}, {})", name, describe(value));
  }
  return op + "()";
}
}  // namespace

namespace match {
Pattern exact(nlohmann::json value) { return matcher("exact", {{"value", std::move(value)}}); }
Pattern ordered(Pattern items) { return matcher("ordered", {{"value", as_items(std::move(items))}}); }
Pattern contains(Pattern items) { return matcher("contains", {{"value", as_items(std::move(items))}}); }
Pattern absent() { return matcher("absent"); }
Pattern any() { return matcher("any"); }
Pattern regex(std::string expression) {
  compile(expression);  // a bad expression is the test author's mistake: report it at once
  return matcher("regex", {{"value", std::move(expression)}});
}
Pattern json_document(Pattern document) { return matcher("json_document", {{"value", std::move(document)}}); }
Pattern capture(std::string name, Pattern pattern) { return matcher("capture", {{"name", std::move(name)}, {"value", std::move(pattern)}}); }
}  // namespace match

std::string describe(const Pattern& pattern) {
  if (const std::string* op = op_of(pattern)) return describe_matcher(*op, pattern);
  std::vector<std::string> parts;
  if (pattern.is_object()) {
    for (const auto& [key, value] : pattern.items()) parts.push_back(nlohmann::json(key).dump() + ":" + describe(value));
    return "{" + join(parts, ",") + "}";
  }
  if (pattern.is_array()) {
    for (const auto& item : pattern) parts.push_back(describe(item));
    return "[" + join(parts, ",") + "]";
  }
  return pattern.dump();
}

Result matches(const nlohmann::json& actual, const Pattern& pattern) {
  detail::Outcome o = detail::match_at(&actual, pattern, "");
  if (!o.ok()) return {false, join(o.mismatches, "\n"), {}};
  return {true, "matches " + describe(pattern), std::move(o.captures)};
}

namespace detail {

std::string show(const nlohmann::json& value) {
  std::string s = value.dump();
  return s.size() <= 160 ? s : s.substr(0, 157) + "...";
}

namespace {
using nlohmann::json;

std::string prefix(const std::string& path) { return path.empty() ? "" : path + ": "; }

Outcome differs(const json* actual, const Pattern& p, const std::string& path) {
  return {{fmt::format("{}expected {}, found {}", prefix(path), describe(p), actual ? show(*actual) : "nothing")}, {}};
}

void merge(Outcome& into, Outcome from) {
  for (auto& m : from.mismatches) into.mismatches.push_back(std::move(m));
  into.captures.merge(from.captures);
}

// An item that no array item matches. For an object pattern, the closest item's first
// difference says more than the whole array: "closest: rules[0].port: expected 80, found 443".
Outcome no_item_matches(const json& actual, const Pattern& p, const Pattern& item, const std::string& path) {
  if (!item.is_object() || op_of(item) != nullptr) return differs(&actual, p, path);
  std::optional<Outcome> closest;
  for (size_t j = 0; j < actual.size(); ++j) {
    Outcome o = match_at(&actual[j], item, append_index(path, j));
    if (o.ok()) return differs(&actual, p, path);  // it matches, only not where or as often as needed
    if (!closest || o.mismatches.size() < closest->mismatches.size()) closest = std::move(o);
  }
  if (!closest) return differs(&actual, p, path);
  return {{fmt::format("{}expected an item matching {}; closest: {}", prefix(path), describe(item), closest->mismatches.front())}, {}};
}

Outcome match_ordered(const json& actual, const Pattern& p, const std::string& path) {
  if (!actual.is_array()) return differs(&actual, p, path);
  Outcome out;
  size_t next = 0;  // the earliest match for each item leaves the most room for the rest
  for (const auto& item : p["value"]) {
    bool found = false;
    for (; next < actual.size() && !found; ++next) {
      Outcome o = match_at(&actual[next], item, append_index(path, next));
      if (!o.ok()) continue;
      found = true;
      merge(out, std::move(o));
    }
    if (!found) return no_item_matches(actual, p, item, path);
  }
  return out;
}

// Kuhn's augmenting paths: gives pattern item `i` an actual item, moving earlier ones if needed.
bool assign(size_t i, const std::vector<std::vector<Outcome>>& fits, std::vector<int>& owner, std::vector<bool>& seen) {
  for (size_t j = 0; j < owner.size(); ++j) {
    if (!fits[i][j].ok() || seen[j]) continue;
    seen[j] = true;
    if (owner[j] < 0 || assign(static_cast<size_t>(owner[j]), fits, owner, seen)) {
      owner[j] = static_cast<int>(i);
      return true;
    }
  }
  return false;
}

Outcome match_contains(const json& actual, const Pattern& p, const std::string& path) {
  if (!actual.is_array()) return differs(&actual, p, path);
  const json& items = p["value"];
  std::vector<std::vector<Outcome>> fits(items.size());
  for (size_t i = 0; i < items.size(); ++i)
    for (size_t j = 0; j < actual.size(); ++j) fits[i].push_back(match_at(&actual[j], items[i], append_index(path, j)));
  std::vector<int> owner(actual.size(), -1);
  for (size_t i = 0; i < items.size(); ++i) {
    std::vector<bool> seen(actual.size(), false);
    if (!assign(i, fits, owner, seen)) return no_item_matches(actual, p, items[i], path);
  }
  Outcome out;
  for (size_t j = 0; j < owner.size(); ++j)
    if (owner[j] >= 0) merge(out, fits[static_cast<size_t>(owner[j])][j]);
  return out;
}

Outcome match_matcher(const json* actual, const std::string& op, const Pattern& p, const std::string& path) {
  if (op == "absent") return actual ? Outcome{{fmt::format("{}expected nothing, found {}", prefix(path), show(*actual))}, {}} : Outcome{};
  if (!actual) return differs(actual, p, path);
  const json& value = p.contains("value") ? p["value"] : p;
  if (op == "any") return {};
  if (op == "exact") return *actual == value ? Outcome{} : differs(actual, p, path);
  if (op == "regex") {
    bool found = actual->is_string() && std::regex_search(actual->get_ref<const std::string&>(), compile(value.get<std::string>()));
    return found ? Outcome{} : differs(actual, p, path);
  }
  if (op == "ordered") return match_ordered(*actual, p, path);
  if (op == "contains") return match_contains(*actual, p, path);
  if (op == "json_document") {
    auto document = decode_json_document(*actual);
    if (!document) return differs(actual, p, path);
    return match_at(&*document, value, fmt::format("jsondecode({})", path.empty() ? "value" : path));
  }
  if (op == "capture") {
    Outcome o = match_at(actual, value, path);
    if (o.ok()) o.captures[p.value("name", "")] = *actual;
    return o;
  }
  throw Error(fmt::format("unknown matcher '{}' in pattern {}", op, p.dump()));
}
}  // namespace

Outcome match_at(const json* actual, const Pattern& pattern, const std::string& path) {
  if (const std::string* op = op_of(pattern)) return match_matcher(actual, *op, pattern, path);
  if (pattern.is_object() && actual && actual->is_object()) {
    Outcome out;
    for (const auto& [key, value] : pattern.items()) {
      auto it = actual->find(key);
      merge(out, match_at(it == actual->end() ? nullptr : &*it, value, append_key(path, key)));
    }
    return out;
  }
  if (pattern.is_array() && actual && actual->is_array() && actual->size() == pattern.size()) {
    Outcome out;
    for (size_t i = 0; i < pattern.size(); ++i) merge(out, match_at(&(*actual)[i], pattern[i], append_index(path, i)));
    return out;
  }
  bool scalar = !pattern.is_object() && !pattern.is_array();
  return scalar && actual && *actual == pattern ? Outcome{} : differs(actual, pattern, path);
}

}  // namespace detail
}  // namespace lcsynth::testing
