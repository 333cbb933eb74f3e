#pragma once
// The stacks the lcsynth binary offers.

#include "lcsynth/catalog.h"

namespace lcsynth::stacks {

/// Registers every stack under stacks/ in `catalog`.
void add_builtin_stacks(StackCatalog& catalog);

}  // namespace lcsynth::stacks
