// Outputs. The description is literal; the value is an expression.

#include "lcsynth/output.h"

namespace lcsynth {

TerraformOutput::TerraformOutput(Construct& scope, std::string id, OutputProps props)
    : TerraformElement(scope, std::move(id)), props_(std::move(props)) {}

std::string TerraformOutput::address() const { return "output." + logical_id(); }

void TerraformOutput::visit_exprs(FunctionRef<void(const Expr&)> visit) const {
  TerraformElement::visit_exprs(visit);
  visit(props_.value);
}

nlohmann::json TerraformOutput::render_block(RenderContext& ctx) const {
  auto body = nlohmann::json::object();
  body["value"] = props_.value.to_json(ctx);
  if (!props_.description.empty()) body["description"] = props_.description;
  if (props_.sensitive) body["sensitive"] = true;
  if (!props_.depends_on.empty()) {
    auto deps = nlohmann::json::array();
    for (const Construct* d : props_.depends_on) deps.push_back(ctx.dependency_address(*d));
    body["depends_on"] = std::move(deps);
  }
  apply_overrides(body, ctx);
  return body;
}

}  // namespace lcsynth
