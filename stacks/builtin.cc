// Registration of the built-in stacks.

#include "stacks/builtin.h"

namespace lcsynth::stacks {

void add_builtin_stacks(StackCatalog& /*catalog*/) {}

}  // namespace lcsynth::stacks
