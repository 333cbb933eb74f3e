#pragma once
// Internal: relations between module scopes, shared by validation and rendering.

#include "lcsynth/element.h"
#include "lcsynth/module_scope.h"
#include "lcsynth/variable.h"

namespace lcsynth::detail {

/// The module an element is written into.
inline const ModuleScope& scope_of(const Construct& c) { return ModuleScope::of(*c.parent()); }
inline const ModuleScope& scope_of(const TerraformElement& e) { return e.module_scope(); }

/// True when `outer` is `inner` or one of its enclosing scopes.
inline bool encloses(const ModuleScope& outer, const ModuleScope& inner) {
  for (const ModuleScope* s = &inner; s != nullptr; s = s->parent_scope())
    if (s == &outer) return true;
  return false;
}

/// The scope directly under `outer` on the way down to `inner` (outer strictly encloses inner).
inline const ModuleScope& child_toward(const ModuleScope& outer, const ModuleScope& inner) {
  const ModuleScope* s = &inner;
  while (s->parent_scope() != &outer) s = s->parent_scope();
  return *s;
}

/// Where an element's expressions are evaluated: its own module, except a module boundary
/// input's value, which the parent module passes.
inline const ModuleScope& consumer_scope(const TerraformElement& e) {
  const ModuleScope& own = scope_of(e);
  if (e.kind() == TerraformElement::Kind::kVariable && !own.is_stack() && static_cast<const TerraformVariable&>(e).module_input())
    return *own.parent_scope();
  return own;
}

}  // namespace lcsynth::detail
