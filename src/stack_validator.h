#pragma once
// Internal: the validation pass over one stack, in two parts. Collects findings; never throws
// for user mistakes.

#include <vector>

#include "lcsynth/diagnostic.h"

namespace lcsynth {
class Stack;
namespace detail {
/// Every check but the search for dependency cycles.
std::vector<Diagnostic> validate_stack(const Stack& stack);
/// The search for a dependency cycle among the stack's elements: none or one finding. Apart
/// from validate_stack() so the two can run on two threads (both only read the locked tree).
std::vector<Diagnostic> find_dependency_cycles(const Stack& stack);
}  // namespace detail
}  // namespace lcsynth
