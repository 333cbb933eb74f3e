// The schemas built into lcsynth, indexed once from the data embedded at build time (split
// into its parts by cmake/embed_schemas.cmake); a type's description is parsed when a check
// first needs it, or ahead of time by ProviderSchema::parse_all().

#include "lcsynth/schema.h"

#include <string_view>
#include <vector>

namespace lcsynth {

namespace detail {
const std::vector<ProviderSchema::Parts>& embedded_provider_schemas();
const std::vector<ModuleInterface>& embedded_module_interfaces();
}  // namespace detail

// Never destroyed: freeing the parsed descriptions node by node at exit cost a LibreChat synth
// 1.1 M instructions (6 %), for memory the process returns at once anyway.
const SchemaSet& builtin_schemas() {
  static const SchemaSet* const schemas = [] {
    auto* s = new SchemaSet;
    for (const ProviderSchema::Parts& parts : detail::embedded_provider_schemas()) s->providers.push_back(ProviderSchema::from_parts(parts));
    for (const ModuleInterface& m : detail::embedded_module_interfaces()) s->modules.add(m);
    return s;
  }();
  return *schemas;
}

}  // namespace lcsynth
