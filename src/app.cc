// The App: root of the tree, owner of stacks and of the synthesis lock.

#include "lcsynth/app.h"

#include "lcsynth/errors.h"
#include "lcsynth/large_app.h"
#include "lcsynth/stack.h"

namespace lcsynth {

App::App() = default;

void App::count_construct() {
  if (++constructs_ == kLargeAppConstructs) detail::large_app_reached();
}

std::vector<Stack*> App::stacks() const {
  std::vector<Stack*> out;
  for (const auto& c : children())
    if (auto* s = dynamic_cast<Stack*>(c.get())) out.push_back(s);
  return out;
}

Stack* App::try_find_stack(std::string_view id) const { return dynamic_cast<Stack*>(try_find_child(id)); }

Stack& App::find_stack(std::string_view id) const {
  if (Stack* s = try_find_stack(id)) return *s;
  std::vector<std::string> names;
  for (const Stack* s : stacks()) names.push_back(s->id());
  throw ConstructError("", msg::no_such_stack(id, names));
}

}  // namespace lcsynth
