#pragma once
// Internal: the validation pass over one stack. Collects findings; never throws for user
// mistakes.

#include <vector>

#include "lcsynth/diagnostic.h"

namespace lcsynth {
class Stack;
namespace detail {
std::vector<Diagnostic> validate_stack(const Stack& stack);
}  // namespace detail
}  // namespace lcsynth
