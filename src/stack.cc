// Stacks: root modules directly under the App.

#include "lcsynth/stack.h"

#include <algorithm>

#include "lcsynth/errors.h"

namespace lcsynth {

Stack::Stack(Construct& app, std::string id, StackProps props) : ModuleScope(app, std::move(id)), props_(std::move(props)) {
  if (app.parent() != nullptr) throw ConstructError(app.path(), msg::stack_not_under_app(this->id()));
}

void Stack::add_dependency(const Stack& other) {
  if (&other == this) throw ConstructError(path(), "a stack cannot depend on itself");
  if (other.parent() != parent()) throw ConstructError(path(), "cannot depend on stack [" + other.path() + "] of another app");
  if (std::find(dependencies_.begin(), dependencies_.end(), &other) == dependencies_.end()) dependencies_.push_back(&other);
}

// A stack is always a child of the App (the constructor refuses anything else), so the only
// candidate is the ancestor just below the root: one check instead of one per level.
Stack* Stack::try_of(const Construct& c) {
  const Construct* at = &c;
  if (at->parent() == nullptr) return nullptr;
  while (at->parent()->parent() != nullptr) at = at->parent();
  const ModuleScope* scope = at->as_module_scope();  // only a Stack is a scope that is a stack
  return scope != nullptr && scope->is_stack() ? const_cast<Stack*>(static_cast<const Stack*>(scope)) : nullptr;
}

Stack& Stack::of(const Construct& c) {
  if (Stack* s = try_of(c)) return *s;
  throw ConstructError(c.path(), "is not inside a stack");
}

}  // namespace lcsynth
