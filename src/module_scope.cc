// Module scopes and logical ids: an element's name in Terraform is its path relative to the
// module it is written into, so it does not change when unrelated constructs come and go.

#include "lcsynth/module_scope.h"

#include <array>

#include "lcsynth/errors.h"
#include "lcsynth/module_boundary.h"

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

std::string address_prefix(const ModuleScope& scope) {
  if (scope.is_stack()) return "";
  const auto& boundary = static_cast<const ModuleBoundary&>(scope);
  return address_prefix(*boundary.parent_scope()) + "module." + boundary.module_name() + ".";
}

namespace {
// Which bytes may start (kStart) and continue (kContinue) a Terraform identifier.
enum : unsigned char { kStart = 1, kContinue = 2 };
constexpr std::array<unsigned char, 256> kIdentifierBytes = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = kStart | kContinue;
  for (int c = '0'; c <= '9'; ++c) t[c] = kContinue;
  t['_'] = kStart | kContinue;
  t['-'] = kContinue;
  return t;
}();
bool starts_identifier(char c) { return kIdentifierBytes[static_cast<unsigned char>(c)] & kStart; }
}  // namespace

// Sized first, then filled from its end: prepending each id to the text so far made a new
// string per level.
std::string relative_logical_id(const Construct& scope, const Construct& c) {
  size_t size = 0;
  const Construct* top = nullptr;  // the outermost construct under `scope`
  for (const Construct* at = &c; at != nullptr && at != &scope; at = at->parent()) {
    size += at->id().size() + (top != nullptr ? 1 : 0);
    top = at;
  }
  if (top == nullptr) return "";
  bool underscore = !starts_identifier(top->id()[0]);
  std::string id(size + (underscore ? 1 : 0), '_');
  size_t end = id.size();
  for (const Construct* at = &c; at != top; at = at->parent()) {
    end -= at->id().size();
    id.replace(end, at->id().size(), at->id());
    --end;  // the '_' before it, already there
  }
  id.replace(end - top->id().size(), top->id().size(), top->id());
  return id;
}

std::string recorded_path_in(const ModuleScope& scope, const Construct& c) {
  const std::string& path = c.path();
  if (scope.is_stack() || &c == &scope) return scope.is_stack() ? path : std::string();
  return path.substr(scope.path().size() + 1);
}

bool is_terraform_identifier(std::string_view name) {
  if (name.empty() || !starts_identifier(name[0])) return false;
  for (char c : name)
    if (!(kIdentifierBytes[static_cast<unsigned char>(c)] & kContinue)) return false;
  return true;
}

}  // namespace lcsynth
