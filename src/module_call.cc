// Calls to existing modules (registry or path sources). Source and version are literal.

#include "lcsynth/module_call.h"

#include <fmt/format.h>

#include "lcsynth/errors.h"
#include "lcsynth/module_scope.h"
#include "lcsynth/provider.h"

namespace lcsynth {

ModuleCall::ModuleCall(Construct& scope, std::string id, ModuleCallProps props)
    : ConfigurableElement(scope, std::move(id)), props_(std::move(props)) {
  if (props_.source.empty()) throw ConstructError(path(), "module source is empty: expected e.g. 'terraform-aws-modules/s3-bucket/aws'");
  Arguments inputs = std::move(props_.inputs);
  props_.inputs.clear();
  for (auto& [name, value] : inputs) set_input(name, std::move(value));
}

void ModuleCall::set_input(const std::string& name, Expr value) {
  static const char* const kReserved[] = {"source", "version", "providers", "count", "for_each", "depends_on"};
  for (const char* r : kReserved)
    if (name == r) throw ConstructError(path(), fmt::format("module input '{}' is a reserved meta-argument name", name));
  if (!is_terraform_identifier(name)) throw ConstructError(path(), fmt::format("invalid module input name '{}'", name));
  props_.inputs.insert_or_assign(name, std::move(value));
}

std::string ModuleCall::address() const { return "module." + logical_id(); }

void ModuleCall::visit_exprs(FunctionRef<void(const Expr&)> visit) const {
  ConfigurableElement::visit_exprs(visit);
  for (const auto& [name, value] : props_.inputs) visit(value);
}

nlohmann::json ModuleCall::render_block(RenderContext& ctx) const {
  auto body = nlohmann::json::object();
  body["source"] = props_.source;
  if (!props_.version.empty()) body["version"] = props_.version;
  for (const auto& [name, value] : props_.inputs) body[name] = value.to_json(ctx);
  if (!props_.providers.empty()) {
    auto providers = nlohmann::json::object();
    for (const auto& [key, p] : props_.providers) providers[key] = ctx.provider_address(*p);
    body["providers"] = std::move(providers);
  }
  render_meta(body, ctx);
  body["//"] = metadata();
  apply_overrides(body, ctx);
  return body;
}

}  // namespace lcsynth
