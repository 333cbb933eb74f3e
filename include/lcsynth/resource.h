#pragma once
// Resource and DataSource: a Terraform type plus arguments held as Exprs. Typed AWS constructs
// build on these; anything they do not cover can be set with set() or add_override().

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "lcsynth/element.h"

namespace lcsynth {

/// Arguments and nested blocks of a block body, by name. A nested block is an Expr::map (one)
/// or an Expr::list of maps (several).
using Arguments = std::map<std::string, Expr>;
/// How a block keeps its arguments: sorted by name in one array. (A std::map node per argument
/// cost 40 bytes more each, and a large stack holds a hundred thousand arguments.)
using ArgumentList = std::vector<std::pair<std::string, Expr>>;

/// Shared by resources and data sources: a type and its arguments.
class TypedBlock : public ConfigurableElement {
 public:
  const std::string& type() const { return type_; }
  /// Sets an argument or nested block. Throws ConstructError for a name that is not a
  /// Terraform identifier.
  void set(const std::string& name, Expr value);
  /// The argument, or nullptr.
  const Expr* try_get(const std::string& name) const;
  /// The arguments, sorted by name.
  const ArgumentList& arguments() const { return arguments_; }

  void visit_exprs(FunctionRef<void(const Expr&)> visit) const override;
  Place place() const override { return {{section(), type_, logical_id()}, 3}; }


 protected:
  TypedBlock(Construct& scope, std::string id, std::string type, Arguments arguments);
  /// "resource" or "data".
  virtual const char* section() const = 0;
  nlohmann::json render_body(RenderContext& ctx) const;

 private:
  void check_name(const std::string& name) const;  // throws ConstructError unless an identifier
  std::string type_;
  ArgumentList arguments_;
};

/// `resource "<type>" "<logical id>" { ... }`
class Resource : public TypedBlock {
 public:
  Kind kind() const override { return Kind::kResource; }
  Resource(Construct& scope, std::string id, std::string type, Arguments arguments = {});
  std::string address() const override;
  void set_lifecycle(Lifecycle lifecycle) { lifecycle_ = std::move(lifecycle); }
  const Lifecycle& lifecycle() const { return lifecycle_; }
  void visit_exprs(FunctionRef<void(const Expr&)> visit) const override;
  nlohmann::json render_block(RenderContext& ctx) const override;

 private:
  const char* section() const override { return "resource"; }
  Lifecycle lifecycle_;
};

/// `data "<type>" "<logical id>" { ... }`
class DataSource : public TypedBlock {
 public:
  Kind kind() const override { return Kind::kDataSource; }
  DataSource(Construct& scope, std::string id, std::string type, Arguments arguments = {});
  std::string address() const override;
  nlohmann::json render_block(RenderContext& ctx) const override;

 private:
  const char* section() const override { return "data"; }
};

}  // namespace lcsynth
