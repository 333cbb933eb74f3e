#pragma once
// Outputs of a stack or of a module boundary.

#include <string>
#include <vector>

#include "lcsynth/element.h"

namespace lcsynth {

struct OutputProps {
  Expr value;
  std::string description;  ///< literal, never escaped
  bool sensitive = false;
  std::vector<const Construct*> depends_on;
};

/// `output "<logical id>" { value = ..., ... }`. Referenced from outside its module boundary
/// it renders as module.<boundary>.<id>; from inside, as its value.
class TerraformOutput : public TerraformElement {
 public:
  Kind kind() const override { return Kind::kOutput; }
  TerraformOutput(Construct& scope, std::string id, OutputProps props);
  const OutputProps& props() const { return props_; }
  /// A reference to this output (for use outside its module boundary).
  Expr ref() const { return Expr::ref(*this, ""); }
  std::string address() const override;
  void visit_exprs(FunctionRef<void(const Expr&)> visit) const override;
  std::vector<const Construct*> explicit_dependencies() const override { return props_.depends_on; }
  Place place() const override { return {{"output", logical_id()}, 2}; }
  nlohmann::json render_block(RenderContext& ctx) const override;

 private:
  OutputProps props_;
};

}  // namespace lcsynth
