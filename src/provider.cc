// Provider configurations: one entry of the "provider" array for its local name. Source and
// version go to required_providers, collected by the synthesizer.

#include "lcsynth/provider.h"

#include <fmt/format.h>

#include "lcsynth/errors.h"
#include "lcsynth/module_scope.h"

namespace lcsynth {

Provider::Provider(Construct& scope, std::string id, ProviderProps props)
    : TerraformElement(scope, std::move(id)), props_(std::move(props)) {
  if (!is_terraform_identifier(props_.name))
    throw ConstructError(path(), fmt::format("invalid provider name '{}': expected an identifier such as 'aws'", props_.name));
  if (props_.alias && !is_terraform_identifier(*props_.alias))
    throw ConstructError(path(), fmt::format("invalid provider alias '{}': expected an identifier", *props_.alias));
  for (const auto& [name, value] : props_.config)
    if (!is_terraform_identifier(name))
      throw ConstructError(path(), fmt::format("invalid provider argument name '{}'", name));
}

std::string Provider::address() const { return props_.alias ? props_.name + "." + *props_.alias : props_.name; }

void Provider::visit_exprs(FunctionRef<void(const Expr&)> visit) const {
  TerraformElement::visit_exprs(visit);
  for (const auto& [name, value] : props_.config) visit(value);
}

nlohmann::json Provider::render(RenderContext& ctx) const {
  auto body = nlohmann::json::object();
  for (const auto& [name, value] : props_.config) body[name] = value.to_json(ctx);
  if (props_.alias) body["alias"] = *props_.alias;
  apply_overrides(body, ctx);
  // Several configurations of one provider are an array in Terraform JSON; the merge pass
  // concatenates them.
  return {{"provider", {{props_.name, nlohmann::json::array({std::move(body)})}}}};
}

}  // namespace lcsynth
