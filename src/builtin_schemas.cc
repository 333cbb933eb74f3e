// The schemas built into lcsynth, indexed once from the data embedded at build time; a type's
// description is parsed when a check first needs it.

#include "lcsynth/schema.h"

#include <string_view>
#include <vector>

namespace lcsynth {

namespace detail {
const std::vector<std::string_view>& embedded_provider_schemas();
const std::vector<std::string_view>& embedded_module_schemas();
}  // namespace detail

const SchemaSet& builtin_schemas() {
  static const SchemaSet schemas = [] {
    SchemaSet s;
    for (std::string_view text : detail::embedded_provider_schemas()) s.providers.push_back(ProviderSchema::from_text(text));
    for (std::string_view text : detail::embedded_module_schemas()) s.modules.add(nlohmann::json::parse(text));
    return s;
  }();
  return schemas;
}

}  // namespace lcsynth
