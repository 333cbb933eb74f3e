#pragma once
// TerraformElement: a construct that renders one Terraform block (resource, data source,
// module call, provider, variable, output, local, moved).

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "lcsynth/construct.h"
#include "lcsynth/expr.h"
#include "lcsynth/function_ref.h"
#include "lcsynth/render_context.h"

namespace lcsynth {

class ModuleScope;
class Provider;
struct Diagnostic;

/// Base of every Terraform block. Its logical id (the name in `aws_s3_bucket.<name>`) is the
/// ids from the enclosing module scope down to it joined with '_', unless overridden.
class TerraformElement : public Construct {
 public:
  /// The kind of block an element renders, for the passes that treat kinds differently.
  enum class Kind { kResource, kDataSource, kModuleCall, kProvider, kVariable, kOutput, kLocal, kMoved };
  virtual Kind kind() const = 0;
  const TerraformElement* as_element() const final { return this; }

  /// The logical id in its module: an override if set, else relative_logical_id() (made once,
  /// when the element is constructed: the ids above it never change).
  const std::string& logical_id() const;
  /// Fixes the logical id (e.g. to keep state when refactoring the tree). Throws
  /// ConstructError when `id` is not a Terraform identifier.
  void override_logical_id(std::string id);
  /// Address in its own module: "aws_s3_bucket.files", "data.aws_vpc.this", "module.redis",
  /// "var.env", "local.tags", "output.url".
  virtual std::string address() const = 0;
  /// A reference to one of this element's attributes.
  Expr attr(std::string name) const { return Expr::ref(*this, std::move(name)); }
  /// The module scope this element is written into (found once, when it was added); throws
  /// ConstructError when it was added outside any stack.
  const ModuleScope& module_scope() const;

  /// Escape hatch: after rendering, sets `path` (dot-separated keys, created as needed) in this
  /// element's block body to `value`; a null Expr deletes the key. Schema validation checks
  /// the result like any other argument.
  void add_override(std::string path, Expr value);
  /// True when add_override() was called. Locals and moved blocks have no block body to
  /// override: validation reports an override on them (core/unsupported-override).
  bool has_overrides() const { return !overrides_.empty(); }

  /// Visits every expression this element renders (references form the dependency graph).
  virtual void visit_exprs(FunctionRef<void(const Expr&)> visit) const;
  /// Constructs this element must depend on beyond its references (depends_on).
  virtual std::vector<const Construct*> explicit_dependencies() const { return {}; }
  /// Adds findings about this element's own configuration (validation pass).
  virtual void validate(std::vector<Diagnostic>& findings) const;
  /// Where the one block most elements render goes in their module's document, outermost key
  /// first: {"resource", "aws_s3_bucket", "files"}, {"output", "url"}. Providers, locals and
  /// moved blocks, whose fragments are not one block at one place, have none (size 0).
  struct Place {
    std::array<std::string, 3> keys;
    size_t size = 0;
  };
  virtual Place place() const { return {}; }
  /// The block for place(): the synthesizer puts it there itself, without building render()'s
  /// nesting around it. Throws std::logic_error for an element without a place.
  virtual nlohmann::json render_block(RenderContext& ctx) const;
  /// Renders this element's fragment of its module's document, e.g.
  /// {"resource": {"aws_s3_bucket": {"files": {...}}}}: by default render_block() nested
  /// under place().
  virtual nlohmann::json render(RenderContext& ctx) const;

 protected:
  TerraformElement(Construct& scope, std::string id);
  /// Applies add_override() edits to a rendered block body.
  void apply_overrides(nlohmann::json& body, RenderContext& ctx) const;
  /// The "//" metadata every block carries: its construct path, relative to its module boundary
  /// in a module's document (recorded_path_in()).
  nlohmann::json metadata() const;

 private:
  const ModuleScope* module_scope_;  // nullptr outside any stack
  std::string logical_id_;  // "" outside any stack, where logical_id() throws
  std::vector<std::pair<std::string, Expr>> overrides_;
};

/// Lifecycle meta-argument of resources.
struct Lifecycle {
  bool create_before_destroy = false;
  bool prevent_destroy = false;
  /// Attribute names, verbatim (never escaped); {"all"} ignores every attribute.
  std::vector<std::string> ignore_changes;
  /// References to elements or their attributes.
  std::vector<Expr> replace_triggered_by;
};

/// An element that takes the meta-arguments depends_on, count, for_each and provider
/// (resources, data sources, module calls).
class ConfigurableElement : public TerraformElement {
 public:
  /// Adds an explicit dependency on an element or a module boundary (never a string).
  void depends_on(const Construct& target);
  void set_count(Expr count) { count_ = std::move(count); }
  void set_for_each(Expr for_each) { for_each_ = std::move(for_each); }
  /// Uses a non-default provider configuration (one with an alias).
  void set_provider(const Provider& provider) { provider_ = &provider; }
  const Provider* provider() const { return provider_; }

  void visit_exprs(FunctionRef<void(const Expr&)> visit) const override;
  std::vector<const Construct*> explicit_dependencies() const override { return depends_on_; }
  void validate(std::vector<Diagnostic>& findings) const override;

 protected:
  using TerraformElement::TerraformElement;
  /// Adds depends_on/count/for_each/provider to a rendered body.
  void render_meta(nlohmann::json& body, RenderContext& ctx) const;

 private:
  std::vector<const Construct*> depends_on_;
  std::optional<Expr> count_;
  std::optional<Expr> for_each_;
  const Provider* provider_ = nullptr;
};

}  // namespace lcsynth
