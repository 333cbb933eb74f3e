// Synth: synthesizes one stack in memory and indexes its blocks. The documents are read from the
// stack's cdk.tf.json down its local module calls, each with the calls' address prefix
// ("module.a.module.b.") and construct path (a module document records paths relative to its
// boundary), so a module whose call shares another's directory is read once per call; each
// block is linked to its construct by the full address computed from the tree.

#include "lcsynth/testing/synth.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "lcsynth/app.h"
#include "lcsynth/errors.h"
#include "lcsynth/module_boundary.h"
#include "lcsynth/stack.h"

namespace lcsynth::testing {

namespace {
std::string full_address(const Construct& c) {
  if (const auto* b = dynamic_cast<const ModuleBoundary*>(&c)) return address_prefix(*b->parent_scope()) + "module." + b->module_name();
  if (const auto* e = dynamic_cast<const TerraformElement*>(&c)) return address_prefix(ModuleScope::of(*e->parent())) + e->address();
  return "";
}

// The "resource", "data", "module" or "output" object of a document (empty when absent).
const nlohmann::json& section(const nlohmann::json& document, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  auto it = document.find(key);
  return it == document.end() ? kEmpty : *it;
}

std::string metadata_path(const nlohmann::json& body) {
  const auto* path = &body;
  for (const char* key : {"//", "metadata", "path"}) {
    if (!path->is_object() || !path->contains(key)) return "";
    path = &(*path)[key];
  }
  return path->is_string() ? path->get<std::string>() : "";
}
}  // namespace

std::string to_string(BlockKind kind, bool plural) {
  static const char* const kNames[] = {"resource", "data source", "module call", "output"};
  return std::string(kNames[static_cast<int>(kind)]) + (plural ? "s" : "");
}

Synth synth(std::shared_ptr<App> app, std::string_view stack) {
  const Stack& s = app->find_stack(stack);
  return Synth(std::move(app), s);
}

Synth synth(App& app, std::string_view stack) {
  // Aliasing constructor with no owner: the caller keeps the App alive.
  return synth(std::shared_ptr<App>(std::shared_ptr<App>(), &app), stack);
}

Synth::Synth(std::shared_ptr<App> app, const Stack& stack) : app_(std::move(app)), stack_(&stack) {
  try {
    assembly_ = synthesize(*app_, SynthOptions{.stacks = {stack.id()}});
  } catch (const SynthesisError& e) {
    errors_ = e.findings();
  }
  index_tree();
  for (const auto& artifact : assembly_.stacks) add_module(artifact, artifact.working_directory + "/cdk.tf.json", "", artifact.construct_path);
  graph_ = std::make_unique<DependencyGraph>(stack);
}

const std::string& Synth::stack_name() const { return stack_->id(); }

void Synth::index_tree() {
  stack_->walk([&](const Construct& c) {
    std::string address = full_address(c);
    if (!address.empty()) by_address_.emplace(std::move(address), &c);
  });
}

void Synth::add_module(const StackArtifact& artifact, const std::string& file, const std::string& prefix, const std::string& module_path) {
  auto it = artifact.files.find(file);
  if (it == artifact.files.end()) return;
  const nlohmann::json& document = it->second;
  add_blocks(file, document, prefix, module_path);
  std::string dir = file.substr(0, file.rfind('/'));
  for (const auto& [name, call] : section(document, "module").items()) {
    if (!call.is_object()) continue;
    std::string source = call.value("source", "");
    if (source.rfind("./", 0) == 0)
      add_module(artifact, dir + "/" + source.substr(2) + "/main.tf.json", prefix + "module." + name + ".", whole_path(call, prefix, module_path));
  }
}

// A block's construct path: what it records, relative to the module in a module's document.
std::string Synth::whole_path(const nlohmann::json& body, const std::string& prefix, const std::string& module_path) {
  std::string path = metadata_path(body);
  if (path.empty() || prefix.empty()) return path;
  return module_path + "/" + path;
}

void Synth::add_blocks(const std::string& file, const nlohmann::json& document, const std::string& prefix, const std::string& module_path) {
  auto add = [&](BlockKind kind, const std::string& type, const std::string& address, const nlohmann::json& body) {
    auto it = by_address_.find(address);
    const Construct* c = it == by_address_.end() ? nullptr : it->second;
    Block block{kind, type, address, whole_path(body, prefix, module_path), file, body, c};
    block.body.erase("//");
    if (block.path.empty() && c != nullptr) block.path = c->path();
    blocks_.push_back(std::move(block));
  };
  for (const auto& [type, named] : section(document, "resource").items())
    for (const auto& [name, body] : named.items()) add(BlockKind::kResource, type, prefix + type + "." + name, body);
  for (const auto& [type, named] : section(document, "data").items())
    for (const auto& [name, body] : named.items()) add(BlockKind::kDataSource, type, prefix + "data." + type + "." + name, body);
  for (const auto& [name, body] : section(document, "module").items())
    add(BlockKind::kModuleCall, body.value("source", ""), prefix + "module." + name, body);
  for (const auto& [name, body] : section(document, "output").items())
    add(BlockKind::kOutput, name, prefix + "output." + name, body);
}

const Block* Synth::try_find(std::string_view target) const {
  if (target.empty()) return nullptr;  // generated outputs have no path; "" must not find them
  bool address = target.find('.') != std::string_view::npos;
  std::string from_stack = stack_->path() + "/" + std::string(target);
  for (const Block& b : blocks_)
    if (address ? b.address == target : (b.path == target || b.path == from_stack)) return &b;
  return nullptr;
}

const Block& Synth::find(std::string_view target) const {
  if (const Block* b = try_find(target)) return *b;
  throw Error(nothing_at(target, false));
}

const Construct* Synth::try_find_construct(std::string_view target) const {
  if (target.empty()) return nullptr;
  if (target.find('.') != std::string_view::npos) {
    auto it = by_address_.find(std::string(target));
    return it == by_address_.end() ? nullptr : it->second;
  }
  if (target == stack_->path()) return stack_;
  std::string_view relative = target;
  if (relative.substr(0, stack_->path().size() + 1) == stack_->path() + "/") relative.remove_prefix(stack_->path().size() + 1);
  return stack_->try_find(relative);
}

const Construct& Synth::find_construct(std::string_view target) const {
  if (const Construct* c = try_find_construct(target)) return *c;
  throw Error(nothing_at(target, true));
}

std::string Synth::nothing_at(std::string_view target, bool constructs) const {
  bool address = target.find('.') != std::string_view::npos;
  // A path from the stack ("api/handler") is compared with paths in the same form.
  std::string stack_prefix = stack_->path() + "/";
  bool relative = !address && target != stack_->path() && target.substr(0, stack_prefix.size()) != stack_prefix;
  std::vector<std::string> candidates;
  auto add_path = [&](const std::string& path) {
    if (!relative) candidates.push_back(path);
    else if (path.rfind(stack_prefix, 0) == 0) candidates.push_back(path.substr(stack_prefix.size()));
  };
  if (constructs && address) {
    for (const auto& [a, c] : by_address_) candidates.push_back(a);
    std::sort(candidates.begin(), candidates.end());  // so the suggestion does not depend on hashing
  } else if (constructs) {
    stack_->walk([&](const Construct& c) { add_path(c.path()); });
  } else {
    for (const Block& b : blocks_) {
      if (address) candidates.push_back(b.address);
      else add_path(b.path);
    }
  }
  return fmt::format("nothing at '{}' in stack '{}'{}", target, stack_name(), did_you_mean(target, candidates));
}

std::string Synth::address_of(const Construct& c) const {
  std::string address = full_address(c);
  return address.empty() ? c.path() : address;
}

std::vector<std::string> Synth::reachable_from(const Construct& c) const {
  std::unordered_set<const TerraformElement*> inside;
  c.walk([&](const Construct& x) {
    if (const auto* e = dynamic_cast<const TerraformElement*>(&x)) inside.insert(e);
  });
  std::vector<std::string> out;
  std::unordered_set<const TerraformElement*> seen;
  for (const TerraformElement* e : inside)
    for (const TerraformElement* t : graph_->reachable_from(*e))
      if (!inside.count(t) && dynamic_cast<const ConfigurableElement*>(t) && seen.insert(t).second) out.push_back(address_of(*t));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace lcsynth::testing
