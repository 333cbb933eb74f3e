#pragma once
// A stack: one Terraform root module, written to <out>/stacks/<id>/cdk.tf.json.

#include <string>

#include <vector>

#include "lcsynth/backend.h"
#include "lcsynth/module_scope.h"

namespace lcsynth {

/// Policy rule `rule` is accepted for construct path `scope` and below, for `reason` (policy.h).
struct Suppression {
  std::string rule;
  std::string scope;
  std::string reason;
};

struct StackProps {
  std::string required_version;  ///< terraform.required_version; "" for none
  Backend backend = LocalBackend{};
  std::string description;       ///< shown by `lcsynth list`
};

class Stack : public ModuleScope {
 public:
  Stack(Construct& app, std::string id, StackProps props = {});
  bool is_stack() const override { return true; }
  const StackProps& props() const { return props_; }
  void set_backend(Backend backend) { props_.backend = std::move(backend); }
  void set_required_version(std::string constraint) { props_.required_version = std::move(constraint); }

  /// Policy suppressions recorded with lcsynth::suppress() (policy.h), in order.
  void add_suppression(Suppression s) { suppressions_.push_back(std::move(s)); }
  const std::vector<Suppression>& suppressions() const { return suppressions_; }

  /// Orders this stack after `other` (deployed after it, destroyed before it) without a
  /// reference between them. References to another stack's elements add the dependency
  /// themselves. Throws ConstructError for itself or a stack of another app.
  void add_dependency(const Stack& other);
  /// Stacks given to add_dependency(), in order.
  const std::vector<const Stack*>& explicit_dependencies() const { return dependencies_; }

  /// The stack enclosing `c` (c itself when it is a stack); throws ConstructError when none.
  static Stack& of(const Construct& c);
  /// Same, or nullptr.
  static Stack* try_of(const Construct& c);

 private:
  StackProps props_;
  std::vector<Suppression> suppressions_;
  std::vector<const Stack*> dependencies_;
};

}  // namespace lcsynth
