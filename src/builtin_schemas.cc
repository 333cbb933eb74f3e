// The schemas built into lcsynth, indexed once from the data embedded at build time by
// cmake/embed_schemas.cmake: type descriptions and module interfaces as compiled tables, nothing
// of them parsed at run time.

#include "lcsynth/schema.h"

#include <string_view>
#include <utility>
#include <vector>

namespace lcsynth {

namespace detail {
const std::vector<ProviderSchema::Parts>& embedded_provider_schemas();
std::vector<ModuleInterface> embedded_module_interfaces();  // a fresh copy per call
}  // namespace detail

// Never destroyed: the process returns the memory at exit anyway (when descriptions were
// parsed DOMs, freeing them node by node cost a LibreChat synth 1.1 M instructions).
const SchemaSet& builtin_schemas() {
  static const SchemaSet* const schemas = [] {
    auto* s = new SchemaSet;
    for (const ProviderSchema::Parts& parts : detail::embedded_provider_schemas()) s->providers.push_back(ProviderSchema::from_parts(parts));
    for (ModuleInterface& m : detail::embedded_module_interfaces()) s->modules.add(std::move(m));
    return s;
  }();
  return *schemas;
}

}  // namespace lcsynth
