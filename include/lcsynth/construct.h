#pragma once
// The construct tree: every node has an id, a parent and ordered children. The tree knows
// nothing about Terraform or clouds; Terraform elements and stacks are subclasses.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lcsynth {

class App;
class ModuleScope;
class TerraformElement;

/// A node of the construct tree. Children are owned by their parent and kept in insertion
/// order. Ids are 1-64 characters of [A-Za-z0-9_-]; a path joins the ids from the stack down
/// with '/'. Constructs are created only through `add<T>()` on their parent.
class Construct {
 public:
  Construct(const Construct&) = delete;
  Construct& operator=(const Construct&) = delete;
  virtual ~Construct();

  const std::string& id() const { return id_; }
  /// The ids from the app's first child down to this node, joined with '/'. The app's path is "".
  std::string path() const;
  Construct* parent() const { return parent_; }
  const std::vector<std::unique_ptr<Construct>>& children() const { return children_; }
  App& app() const;

  /// Creates a child of type T, constructed as T(*this, id, args...). Throws ConstructError
  /// (naming this construct's path) for a bad or duplicate id, or once synthesis has locked
  /// the tree.
  template <class T, class... Args>
  T& add(std::string id, Args&&... args) {
    check_new_child(id);
    auto child = std::make_unique<T>(*this, std::move(id), std::forward<Args>(args)...);
    T& ref = *child;
    adopt(std::move(child));
    return ref;
  }

  /// The direct child with this id, or nullptr.
  Construct* try_find_child(std::string_view id) const;
  /// The direct child with this id; throws ConstructError naming this path when absent.
  Construct& find_child(std::string_view id) const;
  /// A descendant by relative path ("a/b/c"), or nullptr.
  Construct* try_find(std::string_view relative_path) const;
  /// A descendant by relative path; throws ConstructError with the closest existing prefix.
  Construct& find(std::string_view relative_path) const;

  /// Visits this node and every descendant, parents before children, in insertion order.
  template <class F>
  void walk(F&& visit) const {
    visit(*this);
    for (const auto& c : children_) c->walk(visit);
  }

  /// True when `id` is a valid construct id.
  static bool is_valid_id(std::string_view id);

  /// This construct as a Terraform element, or nullptr: what dynamic_cast answers, as one
  /// virtual call, for the passes that ask it of every construct of a large tree.
  virtual const TerraformElement* as_element() const { return nullptr; }
  /// This construct as a module scope (a stack or a module boundary), or nullptr.
  virtual const ModuleScope* as_module_scope() const { return nullptr; }

 protected:
  /// Child constructor: called by Construct::add through subclasses.
  Construct(Construct& parent, std::string id);
  /// Root constructor (the App).
  Construct();

 private:
  void check_new_child(const std::string& id) const;
  void adopt(std::unique_ptr<Construct> child);

  Construct* parent_ = nullptr;
  std::string id_;
  std::vector<std::unique_ptr<Construct>> children_;
};

/// A plain construct that only groups children (and so their logical ids and paths).
class Group : public Construct {
 public:
  Group(Construct& scope, std::string id) : Construct(scope, std::move(id)) {}
};

}  // namespace lcsynth
