#pragma once
// Local values: locals { name = expression }.

#include <string>

#include "lcsynth/element.h"

namespace lcsynth {

/// `locals { <logical id> = ... }`; value() references it as local.<id>.
class TerraformLocal : public TerraformElement {
 public:
  Kind kind() const override { return Kind::kLocal; }
  TerraformLocal(Construct& scope, std::string id, Expr value);
  Expr value() const { return Expr::ref(*this, ""); }
  const Expr& expression() const { return value_; }
  std::string address() const override;
  void visit_exprs(FunctionRef<void(const Expr&)> visit) const override;
  nlohmann::json render(RenderContext& ctx) const override;

 private:
  Expr value_;
};

}  // namespace lcsynth
