#pragma once
// The wording of the testing library's messages, in one place so that assertions phrase the
// same things the same way and tests can pin them exactly.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lcsynth/testing/pattern.h"
#include "lcsynth/testing/synth.h"

namespace lcsynth::testing::msg {

/// "of type 'T'", "to 'S'" (module calls), "named 'N'" (outputs).
std::string selection(BlockKind kind, std::string_view type);
/// "a resource of type 'T' with {...} in stack 'S'", "a module call to 'S' in stack 'S'",
/// "an output named 'N' in stack 'S'".
std::string block_expectation(BlockKind kind, std::string_view type, const Pattern& properties, std::string_view stack);
/// "no resource has that type (did you mean 'x'?)".
std::string no_block_has(BlockKind kind, std::string_view type, const std::vector<std::string>& existing);
/// "the only resource of that type differs:", "none of the 5 resources of that type matches
/// (the 3 closest):".
std::string candidates_differ(BlockKind kind, std::size_t count, std::size_t shown);
/// "1 resource", "3 resources".
std::string count_of(std::size_t count, BlockKind kind);
/// "stack 's' did not synthesize:" and each error, indented.
std::string not_synthesized(const Synth& s);
/// "a, b, c, d, e and 2 more"; "nothing" when empty.
std::string list(const std::vector<std::string>& items, std::size_t limit = 5);

}  // namespace lcsynth::testing::msg
