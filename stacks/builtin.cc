// Registration of the built-in stacks.

#include "stacks/builtin.h"

#include "stacks/librechat/librechat_stack.h"

namespace lcsynth::stacks {

void add_builtin_stacks(StackCatalog& catalog) { librechat::add_librechat_stacks(catalog); }

}  // namespace lcsynth::stacks
