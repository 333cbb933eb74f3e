// Message wording for the testing library: what was expected, what was found, and the
// closest candidates, phrased per kind of block.

#include "messages.h"

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth::testing::msg {

namespace {
// "type", "source" or "name": what selects blocks of this kind.
const char* key_word(BlockKind kind) {
  switch (kind) {
    case BlockKind::kModuleCall: return "source";
    case BlockKind::kOutput: return "name";
    default: return "type";
  }
}

// "of that type", "to that source", "with that name".
std::string that_key(BlockKind kind) {
  switch (kind) {
    case BlockKind::kModuleCall: return "to that source";
    case BlockKind::kOutput: return "with that name";
    default: return "of that type";
  }
}
}  // namespace

std::string selection(BlockKind kind, std::string_view type) {
  switch (kind) {
    case BlockKind::kModuleCall: return fmt::format("to '{}'", type);
    case BlockKind::kOutput: return fmt::format("named '{}'", type);
    default: return fmt::format("of type '{}'", type);
  }
}

std::string block_expectation(BlockKind kind, std::string_view type, const Pattern& properties, std::string_view stack) {
  bool any = properties.is_object() && properties.empty();
  return fmt::format("{} {} {}{} in stack '{}'", kind == BlockKind::kOutput ? "an" : "a", to_string(kind), selection(kind, type),
                     any ? "" : " with " + describe(properties), stack);
}

std::string no_block_has(BlockKind kind, std::string_view type, const std::vector<std::string>& existing) {
  return fmt::format("no {} has that {}{}", to_string(kind), key_word(kind), did_you_mean(type, existing));
}

std::string candidates_differ(BlockKind kind, std::size_t count, std::size_t shown) {
  if (count == 1) return fmt::format("the only {} {} differs:", to_string(kind), that_key(kind));
  return fmt::format("none of the {} {} matches{}:", count_of(count, kind), that_key(kind),
                     shown < count ? fmt::format(" (the {} closest)", shown) : "");
}

std::string count_of(std::size_t count, BlockKind kind) { return fmt::format("{} {}", count, to_string(kind, count != 1)); }

std::string not_synthesized(const Synth& s) {
  std::string text = fmt::format("stack '{}' did not synthesize:", s.stack_name());
  for (const Diagnostic& d : s.errors()) {
    if (d.severity != Severity::kError) continue;
    std::string line = format_diagnostic(d);
    for (size_t at = line.find('\n'); at != std::string::npos; at = line.find('\n', at + 3)) line.replace(at, 1, "\n  ");
    text += "\n  " + line;
  }
  return text;
}

std::string list(const std::vector<std::string>& items, std::size_t limit) {
  if (items.empty()) return "nothing";
  std::string text;
  for (size_t i = 0; i < items.size() && i < limit; ++i) text += (i ? ", " : "") + items[i];
  if (items.size() > limit) text += fmt::format(" and {} more", items.size() - limit);
  return text;
}

}  // namespace lcsynth::testing::msg
