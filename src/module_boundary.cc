// Module boundaries: declared inputs are variables inside the module whose values the parent
// passes; declared outputs are outputs referenced from outside as module.<name>.<output>.

#include "lcsynth/module_boundary.h"

#include <fmt/format.h>

#include "lcsynth/errors.h"

namespace lcsynth {

ModuleBoundary::ModuleBoundary(Construct& scope, std::string id)
    : ModuleScope(scope, std::move(id)), name_(relative_logical_id(ModuleScope::of(scope), *this)) {}  // of() throws when not inside a stack

void ModuleBoundary::override_module_name(std::string name) {
  if (!is_terraform_identifier(name))
    throw ConstructError(path(), fmt::format("invalid module name '{}': expected a Terraform identifier", name));
  name_ = std::move(name);
}

Expr ModuleBoundary::input(const std::string& name, InputSpec spec, std::optional<Expr> value) {
  if (!is_terraform_identifier(name)) throw ConstructError(path(), fmt::format("invalid input name '{}'", name));
  auto& var = group("inputs").add<TerraformVariable>(name, VariableProps{.type = std::move(spec.type),
                                                          .default_value = std::move(spec.default_value),
                                                          .description = std::move(spec.description),
                                                          .sensitive = spec.sensitive});
  var.override_logical_id(name);
  if (value) var.set_module_input(std::move(*value));
  return var.value();
}

void ModuleBoundary::output(const std::string& name, Expr value, std::string description, bool sensitive) {
  if (!is_terraform_identifier(name)) throw ConstructError(path(), fmt::format("invalid output name '{}'", name));
  auto& out = group("outputs").add<TerraformOutput>(
      name, OutputProps{.value = std::move(value), .description = std::move(description), .sensitive = sensitive});
  out.override_logical_id(name);
}

Expr ModuleBoundary::output_ref(const std::string& name) const {
  const std::vector<const TerraformOutput*> declared = outputs();
  for (const TerraformOutput* o : declared)
    if (o->id() == name) return o->ref();
  std::vector<std::string> names;  // the candidates, only for the error
  for (const TerraformOutput* o : declared) names.push_back(o->id());
  throw ConstructError(path(), fmt::format("module boundary has no output '{}'{}", name, did_you_mean(name, names)));
}

Construct& ModuleBoundary::group(const char* id) {
  if (Construct* g = try_find_child(id)) return *g;
  return add<Group>(id);
}

std::vector<const TerraformVariable*> ModuleBoundary::inputs() const {
  std::vector<const TerraformVariable*> out;
  const Construct* g = try_find_child("inputs");
  if (g == nullptr) return out;
  for (const auto& c : g->children())
    if (const TerraformElement* e = c->as_element(); e && e->kind() == TerraformElement::Kind::kVariable)
      out.push_back(static_cast<const TerraformVariable*>(e));
  return out;
}

std::vector<const TerraformOutput*> ModuleBoundary::outputs() const {
  std::vector<const TerraformOutput*> out;
  const Construct* g = try_find_child("outputs");
  if (g == nullptr) return out;
  for (const auto& c : g->children())
    if (const TerraformElement* e = c->as_element(); e && e->kind() == TerraformElement::Kind::kOutput)
      out.push_back(static_cast<const TerraformOutput*>(e));
  return out;
}

}  // namespace lcsynth
