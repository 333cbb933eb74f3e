#pragma once
// A composite construct synthesized as its own local Terraform module (like AWS CDK's nested
// stacks): its inputs become variables, its outputs become outputs, and its parent calls it
// with module "<id>" { source = "./modules/<id>" ... }.

#include <optional>
#include <string>
#include <vector>

#include "lcsynth/module_scope.h"
#include "lcsynth/output.h"
#include "lcsynth/variable.h"

namespace lcsynth {

/// Declared type, default and description of a module boundary's input.
struct InputSpec {
  std::string type;                            ///< e.g. "string", "list(string)", "map(string)"
  std::string description;
  std::optional<nlohmann::json> default_value;  ///< none = required
  bool sensitive = false;
};

class ModuleBoundary : public ModuleScope {
 public:
  bool is_stack() const override { return false; }
  /// The module's name in its parent module (module.<name>): its ids relative to the parent
  /// scope joined with '_' (made once, at construction), unless overridden.
  const std::string& module_name() const { return name_; }
  void override_module_name(std::string name);
  /// The directory of this module relative to its parent module's directory.
  std::string directory() const { return "modules/" + module_name(); }

  /// A reference to a declared output, for use outside this boundary. Throws ConstructError
  /// (with "did you mean") when no output has that name.
  Expr output_ref(const std::string& name) const;
  /// Module-level depends_on of the call (an element or another boundary).
  void depends_on(const Construct& target) { depends_on_.push_back(&target); }
  const std::vector<const Construct*>& dependencies() const { return depends_on_; }

  /// The declared inputs and outputs, in declaration order. They live under the child groups
  /// "inputs" and "outputs" (so an input and an output may share a name), with logical ids
  /// equal to their names.
  std::vector<const TerraformVariable*> inputs() const;
  std::vector<const TerraformOutput*> outputs() const;

 protected:
  ModuleBoundary(Construct& scope, std::string id);
  /// Declares an input variable `name`; `value` is what the parent passes (an expression in
  /// the parent's scope), std::nullopt to leave it to the default. Returns var.<name>.
  Expr input(const std::string& name, InputSpec spec, std::optional<Expr> value);
  /// Declares an output `name` with an expression inside this boundary.
  void output(const std::string& name, Expr value, std::string description, bool sensitive = false);

 private:
  Construct& group(const char* id);

  std::string name_;
  std::vector<const Construct*> depends_on_;
};

}  // namespace lcsynth
