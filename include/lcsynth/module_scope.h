#pragma once
// A module scope is a construct whose Terraform elements are written into one Terraform module:
// a Stack (the root module) or a ModuleBoundary (a local module under the stack).

#include "lcsynth/construct.h"

namespace lcsynth {

/// Base of Stack and ModuleBoundary. Every Terraform element belongs to the nearest enclosing
/// module scope, and its logical id is computed relative to it.
class ModuleScope : public Construct {
 public:
  const ModuleScope* as_module_scope() const final { return this; }
  /// The nearest module scope enclosing `c` (c itself when it is one); throws ConstructError
  /// when `c` is not inside a stack.
  static const ModuleScope& of(const Construct& c);
  /// Same, or nullptr when `c` is not inside a stack.
  static const ModuleScope* try_of(const Construct& c);
  /// The scope enclosing this one, or nullptr for a stack.
  const ModuleScope* parent_scope() const;
  virtual bool is_stack() const = 0;

 protected:
  using Construct::Construct;
};

/// The address prefix of the elements written into `scope`: "module.a.module.b." for module b
/// under module a, "" for a stack (its root module).
std::string address_prefix(const ModuleScope& scope);

/// Ids from `scope` (exclusive) down to `c` (inclusive), joined with '_', made a valid
/// Terraform identifier (a leading digit or '-' gets a '_' prefix).
std::string relative_logical_id(const Construct& scope, const Construct& c);

/// `c`'s construct path as the document of `scope` records it in "//" metadata: whole in a
/// stack's document, relative to the boundary in a module's (a module's document then reads the
/// same wherever the module is called from, so identical modules can share it). `c` is `scope`
/// or under it.
std::string recorded_path_in(const ModuleScope& scope, const Construct& c);

/// True when `name` is a Terraform identifier: [A-Za-z_][A-Za-z0-9_-]*.
bool is_terraform_identifier(std::string_view name);

}  // namespace lcsynth
