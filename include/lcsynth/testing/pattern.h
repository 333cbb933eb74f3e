#pragma once
// Patterns: JSON that describes the values an assertion accepts, with a few matchers for what
// plain JSON cannot say (any order, a regex, a JSON document inside a string, a capture).

#include <string>

#include <nlohmann/json.hpp>

#include "lcsynth/testing/result.h"

namespace lcsynth::testing {

/// A pattern is JSON, compared with the synthesized value as rendered (references as
/// "${...}", literal template sequences escaped as "$${"):
///   - an object matches any object that has at least its keys, each matching recursively;
///   - an array matches an array of the same length, item by item;
///   - a number, string, bool or null matches an equal value;
///   - a matcher from `match::` matches as documented there.
/// Matchers are objects with the single reserved key "$lcsynth.match"; build them only with
/// the functions below.
using Pattern = nlohmann::json;

namespace match {
/// Deep equality: objects must have exactly these keys, nested matchers are not interpreted.
Pattern exact(nlohmann::json value);
/// An array holding items that match `items` in this order, other items allowed in between
/// (a subsequence). A non-array `items` is one item.
Pattern ordered(Pattern items);
/// An array holding, in any order, a distinct item for each of `items`; other items allowed.
/// A non-array `items` is one item (so contains({{"k", 1}}) looks for the object {"k": 1}).
Pattern contains(Pattern items);
/// The key must be missing (only meaningful as the value of an object key).
Pattern absent();
/// Any value, as long as it is present.
Pattern any();
/// A string in which the ECMAScript regular expression finds a match (std::regex_search;
/// anchor it with ^ and $ for a whole-string match).
Pattern regex(std::string expression);
/// A string holding a JSON document that matches `document`: either Terraform's
/// "${jsonencode(...)}" as lcsynth renders fn::jsonencode (decoded by decode_json_document),
/// or a literal JSON text.
Pattern json_document(Pattern document);
/// Matches what `pattern` matches and records the value under `name` in Result::captures.
Pattern capture(std::string name, Pattern pattern = any());
}  // namespace match

/// Matches a whole value against a pattern. On failure the message lists every property that
/// differs, one per line: `tags.Team: expected "web", found "data"`.
Result matches(const nlohmann::json& actual, const Pattern& pattern);

/// The pattern as shown in messages: compact JSON with matchers written as calls, e.g.
/// {"layers":contains(["a"]),"name":regex("^api")}.
std::string describe(const Pattern& pattern);

}  // namespace lcsynth::testing
