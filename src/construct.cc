// The construct tree: id validation, ownership of children, path and lookups. Locking is
// asked of the App at the root, so a tree being synthesized refuses new children.

#include "lcsynth/construct.h"

#include <algorithm>

#include "lcsynth/app.h"
#include "lcsynth/errors.h"

namespace lcsynth {

Construct::Construct() = default;

Construct::Construct(Construct& parent, std::string id) : parent_(&parent), id_(std::move(id)) {}

Construct::~Construct() = default;

bool Construct::is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// One allocation: every element's path is written into the output.
std::string Construct::path() const {
  size_t size = 0;
  for (const Construct* c = this; c->parent_ != nullptr; c = c->parent_) size += c->id_.size() + 1;
  if (size == 0) return "";
  std::string out(size - 1, '/');
  size_t end = out.size();
  for (const Construct* c = this; c->parent_ != nullptr; c = c->parent_) {
    end -= c->id_.size();
    out.replace(end, c->id_.size(), c->id_);
    if (end > 0) --end;  // the '/' before it
  }
  return out;
}

App& Construct::app() const {
  const Construct* c = this;
  while (c->parent_ != nullptr) c = c->parent_;
  // The root of every tree is an App: Construct's root constructor is protected and only App uses it.
  return const_cast<App&>(static_cast<const App&>(*c));
}

void Construct::check_new_child(const std::string& id) const {
  if (!is_valid_id(id)) throw ConstructError(path(), msg::invalid_id(id));
  App& root = app();
  if (root.locked()) throw ConstructError(path(), msg::tree_locked(id));
  if (try_find_child(id) != nullptr) throw ConstructError(path(), msg::duplicate_child(id));
  root.count_construct();
}

void Construct::adopt(std::unique_ptr<Construct> child) { children_.push_back(std::move(child)); }

Construct* Construct::try_find_child(std::string_view id) const {
  for (const auto& c : children_)
    if (c->id_ == id) return c.get();
  return nullptr;
}

Construct& Construct::find_child(std::string_view id) const {
  if (Construct* c = try_find_child(id)) return *c;
  std::vector<std::string> ids;
  for (const auto& c : children_) ids.push_back(c->id_);
  throw ConstructError(path(), msg::no_such_child(id, ids));
}

Construct* Construct::try_find(std::string_view relative_path) const {
  const Construct* at = this;
  while (!relative_path.empty()) {
    auto slash = relative_path.find('/');
    at = at->try_find_child(relative_path.substr(0, slash));
    if (at == nullptr) return nullptr;
    relative_path = slash == std::string_view::npos ? std::string_view{} : relative_path.substr(slash + 1);
  }
  return const_cast<Construct*>(at);
}

Construct& Construct::find(std::string_view relative_path) const {
  const Construct* at = this;
  while (!relative_path.empty()) {
    auto slash = relative_path.find('/');
    at = &at->find_child(relative_path.substr(0, slash));
    relative_path = slash == std::string_view::npos ? std::string_view{} : relative_path.substr(slash + 1);
  }
  return const_cast<Construct&>(*at);
}

}  // namespace lcsynth
