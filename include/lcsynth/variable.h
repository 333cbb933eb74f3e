#pragma once
// Input variables: of a stack (set with tfvars) or of a module boundary (set by the parent).

#include <optional>
#include <string>
#include <vector>

#include "lcsynth/element.h"

namespace lcsynth {

struct VariableValidation {
  Expr condition;             ///< must reference the variable itself
  std::string error_message;  ///< shown by Terraform when the condition is false
};

struct VariableProps {
  std::string type;                            ///< type constraint, e.g. "list(string)"; "" for any
  std::optional<nlohmann::json> default_value;  ///< literal, never escaped; none = required
  std::string description;                     ///< literal, never escaped
  bool sensitive = false;
  std::optional<bool> nullable;
  std::vector<VariableValidation> validations;
};

/// `variable "<logical id>" { ... }`; value() references it as var.<id>.
class TerraformVariable : public TerraformElement {
 public:
  Kind kind() const override { return Kind::kVariable; }
  TerraformVariable(Construct& scope, std::string id, VariableProps props);
  const VariableProps& props() const { return props_; }
  Expr value() const { return Expr::ref(*this, ""); }
  bool required() const { return !props_.default_value.has_value(); }

  /// For a module boundary's input: the value the parent module passes (rendered in the
  /// parent's scope). Unset leaves the input to its default.
  void set_module_input(Expr value) { module_input_ = std::move(value); }
  const std::optional<Expr>& module_input() const { return module_input_; }

  std::string address() const override;
  void visit_exprs(FunctionRef<void(const Expr&)> visit) const override;
  void validate(std::vector<Diagnostic>& findings) const override;
  Place place() const override { return {{"variable", logical_id()}, 2}; }
  nlohmann::json render_block(RenderContext& ctx) const override;

 private:
  VariableProps props_;
  std::optional<Expr> module_input_;
};

}  // namespace lcsynth
