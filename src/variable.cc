// Input variables. Type, default and description are literal positions in Terraform JSON and
// are written verbatim; validation conditions are expressions.

#include "lcsynth/variable.h"

#include "lcsynth/diagnostic.h"

namespace lcsynth {

TerraformVariable::TerraformVariable(Construct& scope, std::string id, VariableProps props)
    : TerraformElement(scope, std::move(id)), props_(std::move(props)) {}

std::string TerraformVariable::address() const { return "var." + logical_id(); }

void TerraformVariable::visit_exprs(FunctionRef<void(const Expr&)> visit) const {
  TerraformElement::visit_exprs(visit);
  // Conditions reference only the variable itself; they add no dependency.
  if (module_input_) visit(*module_input_);
}

void TerraformVariable::validate(std::vector<Diagnostic>& findings) const {
  for (const auto& v : props_.validations) {
    bool self = false;
    v.condition.visit_refs([&](const TerraformElement& t, std::string_view) { self = self || &t == this; });
    if (!self)
      findings.push_back({Severity::kError, "core/variable-validation", path(), address(),
                          "a validation condition must refer to the variable itself",
                          "build the condition from value()"});
    if (v.error_message.empty())
      findings.push_back({Severity::kError, "core/variable-validation", path(), address(),
                          "a validation needs an error message", "set error_message to a full sentence"});
  }
}

nlohmann::json TerraformVariable::render_block(RenderContext& ctx) const {
  auto body = nlohmann::json::object();
  if (!props_.type.empty()) body["type"] = props_.type;
  if (props_.default_value) body["default"] = *props_.default_value;
  if (!props_.description.empty()) body["description"] = props_.description;
  if (props_.sensitive) body["sensitive"] = true;
  if (props_.nullable) body["nullable"] = *props_.nullable;
  if (!props_.validations.empty()) {
    auto list = nlohmann::json::array();
    for (const auto& v : props_.validations)
      list.push_back({{"condition", v.condition.to_json(ctx)}, {"error_message", Expr(v.error_message).to_json(ctx)}});
    body["validation"] = std::move(list);
  }
  apply_overrides(body, ctx);
  return body;
}

}  // namespace lcsynth
