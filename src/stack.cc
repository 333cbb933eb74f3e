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

Stack* Stack::try_of(const Construct& c) {
  for (const Construct* at = &c; at != nullptr; at = at->parent())
    if (auto* s = dynamic_cast<const Stack*>(at)) return const_cast<Stack*>(s);
  return nullptr;
}

Stack& Stack::of(const Construct& c) {
  if (Stack* s = try_of(c)) return *s;
  throw ConstructError(c.path(), "is not inside a stack");
}

}  // namespace lcsynth
