// Module scopes and logical ids: an element's name in Terraform is its path relative to the
// module it is written into, so it does not change when unrelated constructs come and go.

#include "lcsynth/module_scope.h"

#include "lcsynth/errors.h"

namespace lcsynth {

const ModuleScope* ModuleScope::try_of(const Construct& c) {
  for (const Construct* at = &c; at != nullptr; at = at->parent())
    if (const ModuleScope* scope = at->as_module_scope()) return scope;
  return nullptr;
}

const ModuleScope& ModuleScope::of(const Construct& c) {
  if (const ModuleScope* scope = try_of(c)) return *scope;
  throw ConstructError(c.path(), "is not inside a stack: Terraform elements must be added under a Stack");
}

const ModuleScope* ModuleScope::parent_scope() const {
  if (is_stack() || parent() == nullptr) return nullptr;
  return &of(*parent());
}

std::string relative_logical_id(const Construct& scope, const Construct& c) {
  std::string id;
  for (const Construct* at = &c; at != nullptr && at != &scope; at = at->parent())
    id = id.empty() ? at->id() : at->id() + "_" + id;
  if (!id.empty() && !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z') || id[0] == '_'))
    id = "_" + id;
  return id;
}

bool is_terraform_identifier(std::string_view name) {
  if (name.empty()) return false;
  auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start(name[0])) return false;
  for (char c : name)
    if (!start(c) && !(c >= '0' && c <= '9') && c != '-') return false;
  return true;
}

}  // namespace lcsynth
