// Local values: one entry of the module's "locals" object.

#include "lcsynth/local.h"

namespace lcsynth {

TerraformLocal::TerraformLocal(Construct& scope, std::string id, Expr value)
    : TerraformElement(scope, std::move(id)), value_(std::move(value)) {}

std::string TerraformLocal::address() const { return "local." + logical_id(); }

void TerraformLocal::visit_exprs(FunctionRef<void(const Expr&)> visit) const {
  TerraformElement::visit_exprs(visit);
  visit(value_);
}

nlohmann::json TerraformLocal::render(RenderContext& ctx) const {
  return {{"locals", {{logical_id(), value_.to_json(ctx)}}}};
}

}  // namespace lcsynth
