#pragma once
// A call to an existing Terraform module (registry or path source) with typed inputs; its
// outputs are referenced with output().

#include <map>
#include <string>

#include "lcsynth/resource.h"

namespace lcsynth {

class Provider;

struct ModuleCallProps {
  std::string source;   ///< e.g. "terraform-aws-modules/s3-bucket/aws" (literal, never escaped)
  std::string version;  ///< e.g. "~> 4.0"; "" for path sources
  Arguments inputs;     ///< module input variables
  /// Provider configurations passed to the module: {"aws.east": &east}.
  std::map<std::string, const Provider*> providers;
};

/// `module "<logical id>" { source = ..., version = ..., <inputs> }`
class ModuleCall : public ConfigurableElement {
 public:
  Kind kind() const override { return Kind::kModuleCall; }
  ModuleCall(Construct& scope, std::string id, ModuleCallProps props);
  const ModuleCallProps& props() const { return props_; }
  /// Sets an input. Throws ConstructError for a name that is not a Terraform identifier.
  void set_input(const std::string& name, Expr value);
  /// A reference to one of the module's outputs: module.<id>.<name>.
  Expr output(std::string name) const { return attr(std::move(name)); }
  std::string address() const override;
  void visit_exprs(FunctionRef<void(const Expr&)> visit) const override;
  Place place() const override { return {{"module", logical_id()}, 2}; }
  nlohmann::json render_block(RenderContext& ctx) const override;

 private:
  ModuleCallProps props_;
};

}  // namespace lcsynth
