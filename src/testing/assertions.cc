// Assertions on synthesized blocks. Each selects blocks, matches them against a pattern, and
// on failure explains with the closest candidates: the nearest type name when none has the
// type asked for, else the blocks that differ least, each with its first difference.

#include "lcsynth/testing/assertions.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "lcsynth/errors.h"
#include "messages.h"
#include "pattern_match.h"
#include "property_path.h"

namespace lcsynth::testing {

namespace {
constexpr std::size_t kShown = 3;  // candidates listed in a failure, like cdktf

struct Candidate {
  const Block* block;
  detail::Outcome outcome;
};

Result fail(std::string message) { return {false, std::move(message), {}}; }

std::vector<const Block*> blocks_of(const Synth& s, BlockKind kind, std::string_view type) {
  std::vector<const Block*> out;
  for (const Block& b : s.blocks())
    if (b.kind == kind && b.type == type) out.push_back(&b);
  return out;
}

std::vector<std::string> types_of(const Synth& s, BlockKind kind) {
  std::set<std::string> types;
  for (const Block& b : s.blocks())
    if (b.kind == kind) types.insert(b.type);
  return {types.begin(), types.end()};
}

// "\n  <address>: <first difference>" for the first `limit` candidates.
std::string candidate_lines(const std::vector<Candidate>& candidates, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < candidates.size() && i < limit; ++i)
    text += fmt::format("\n  {}: {}", candidates[i].block->address, candidates[i].outcome.mismatches.front());
  return text;
}

// Every difference of one block, one "<address>: <difference>" per line.
std::string difference_lines(const Block& b, const detail::Outcome& o) {
  std::string text;
  for (const auto& m : o.mismatches) text += (text.empty() ? "" : "\n") + b.address + ": " + m;
  return text;
}
}  // namespace

Result has_block(const Synth& s, BlockKind kind, std::string_view type, const Pattern& properties) {
  std::string expected = "expected " + msg::block_expectation(kind, type, properties, s.stack_name());
  if (!s.synthesized()) return fail(expected + "; " + msg::not_synthesized(s));
  std::vector<const Block*> blocks = blocks_of(s, kind, type);
  if (blocks.empty()) return fail(expected + "; " + msg::no_block_has(kind, type, types_of(s, kind)));
  std::vector<Candidate> candidates;
  for (const Block* b : blocks) {
    detail::Outcome o = detail::match_at(&b->body, properties, "");
    if (o.ok()) return {true, fmt::format("found {}: {}", msg::block_expectation(kind, type, properties, s.stack_name()), b->address), std::move(o.captures)};
    candidates.push_back({b, std::move(o)});
  }
  // Closest first: the fewest differing properties; ties keep file order.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.outcome.mismatches.size() < b.outcome.mismatches.size(); });
  return fail(expected + "; " + msg::candidates_differ(kind, candidates.size(), std::min(kShown, candidates.size())) +
              candidate_lines(candidates, kShown));
}

Result has_resource(const Synth& s, std::string_view type, const Pattern& properties) {
  return has_block(s, BlockKind::kResource, type, properties);
}
Result has_data_source(const Synth& s, std::string_view type, const Pattern& properties) {
  return has_block(s, BlockKind::kDataSource, type, properties);
}
Result has_module_call(const Synth& s, std::string_view source, const Pattern& properties) {
  return has_block(s, BlockKind::kModuleCall, source, properties);
}
Result has_output(const Synth& s, std::string_view name, const Pattern& properties) {
  return has_block(s, BlockKind::kOutput, name, properties);
}

Result block_count(const Synth& s, BlockKind kind, std::string_view type, std::size_t count) {
  std::string what = fmt::format("{} {} in stack '{}'", msg::count_of(count, kind), msg::selection(kind, type), s.stack_name());
  if (!s.synthesized()) return fail("expected " + what + "; " + msg::not_synthesized(s));
  std::vector<const Block*> blocks = blocks_of(s, kind, type);
  if (blocks.size() == count) return {true, "found " + what, {}};
  if (blocks.empty()) return fail(fmt::format("expected {}; found none{}", what, did_you_mean(type, types_of(s, kind))));
  std::vector<std::string> addresses;
  for (const Block* b : blocks) addresses.push_back(b->address);
  return fail(fmt::format("expected {}; found {}: {}", what, blocks.size(), msg::list(addresses)));
}

Result resource_count(const Synth& s, std::string_view type, std::size_t count) {
  return block_count(s, BlockKind::kResource, type, count);
}

Result all_blocks_match(const Synth& s, BlockKind kind, std::string_view type, const Pattern& properties) {
  std::string selected = fmt::format("{} in stack '{}'", msg::selection(kind, type), s.stack_name());
  std::string expected = fmt::format("expected every {} {} to match {}", to_string(kind), selected, describe(properties));
  if (!s.synthesized()) return fail(expected + "; " + msg::not_synthesized(s));
  std::vector<const Block*> blocks = blocks_of(s, kind, type);
  if (blocks.empty()) return fail(expected + "; " + msg::no_block_has(kind, type, types_of(s, kind)));
  std::vector<Candidate> failing;
  for (const Block* b : blocks)
    if (detail::Outcome o = detail::match_at(&b->body, properties, ""); !o.ok()) failing.push_back({b, std::move(o)});
  if (failing.empty() && blocks.size() == 1)
    return {true, fmt::format("the only {} {} matches {}", to_string(kind), selected, describe(properties)), {}};
  if (failing.empty()) return {true, fmt::format("all {} {} match {}", msg::count_of(blocks.size(), kind), selected, describe(properties)), {}};
  std::string first = failing.size() > kShown ? fmt::format(" (the first {})", kShown) : "";
  return fail(fmt::format("{}; {} of {} {} not match{}:{}", expected, failing.size(), blocks.size(), failing.size() == 1 ? "does" : "do",
                          first, candidate_lines(failing, kShown)));
}

Result all_resources_match(const Synth& s, std::string_view type, const Pattern& properties) {
  return all_blocks_match(s, BlockKind::kResource, type, properties);
}

Result element_matches(const Synth& s, std::string_view target, const Pattern& properties) {
  if (!s.synthesized()) return fail(msg::not_synthesized(s));
  const Block* b = s.try_find(target);
  if (b == nullptr) return fail(s.nothing_at(target));
  detail::Outcome o = detail::match_at(&b->body, properties, "");
  if (!o.ok()) return fail(difference_lines(*b, o));
  return {true, fmt::format("{} matches {}", b->address, describe(properties)), std::move(o.captures)};
}

Result property_matches(const Synth& s, std::string_view target, std::string_view property, const Pattern& pattern) {
  if (!s.synthesized()) return fail(msg::not_synthesized(s));
  const Block* b = s.try_find(target);
  if (b == nullptr) return fail(s.nothing_at(target));
  detail::Outcome o = detail::match_at(detail::lookup(b->body, property), pattern, std::string(property));
  if (!o.ok()) return fail(difference_lines(*b, o));
  return {true, fmt::format("{}: {} matches {}", b->address, property, describe(pattern)), std::move(o.captures)};
}

Result property_absent(const Synth& s, std::string_view target, std::string_view property) {
  return property_matches(s, target, property, match::absent());
}

Result property_matches_regex(const Synth& s, std::string_view target, std::string_view property, std::string expression) {
  return property_matches(s, target, property, match::regex(std::move(expression)));
}

Result property_is_json(const Synth& s, std::string_view target, std::string_view property, const Pattern& document) {
  return property_matches(s, target, property, match::json_document(document));
}

}  // namespace lcsynth::testing
