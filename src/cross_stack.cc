// References between stacks: collected over the whole app, named deterministically, and turned
// into outputs of the producer and terraform_remote_state reads in the consumer.

#include "cross_stack.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "lcsynth/app.h"
#include "lcsynth/expr.h"
#include "lcsynth/module_boundary.h"
#include "lcsynth/output.h"
#include "lcsynth/stack.h"
#include "scopes.h"

namespace lcsynth::detail {

namespace {
// "module.backend.aws_lambda_function.api" + "arn" -> "cross_stack_backend_aws_lambda_function_api_arn"
std::string export_name(const TerraformElement& target, const std::string& attr) {
  std::string raw;
  for (const ModuleScope* s = &scope_of(target); s != nullptr && !s->is_stack(); s = s->parent_scope())
    raw = static_cast<const ModuleBoundary*>(s)->module_name() + "_" + raw;
  raw += target.address() + "_" + attr;
  std::string out = "cross_stack_";
  for (char c : raw) {
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!word) c = '_';
    if (c == '_' && out.back() == '_') continue;
    out += c;
  }
  while (out.back() == '_') out.pop_back();
  return out;
}

bool is_root_output(const TerraformElement& e) {
  return e.kind() == TerraformElement::Kind::kOutput && scope_of(e).is_stack();
}
}  // namespace

CrossStackLinks::CrossStackLinks(const App& app) {
  for (const Stack* s : app.stacks()) stacks_.push_back(s);
  for (const Stack* consumer : stacks_) {
    auto& deps = depends_[consumer];
    auto depend_on = [&](const Stack* p) {
      if (std::find(deps.begin(), deps.end(), p) == deps.end()) deps.push_back(p);
    };
    for (const Stack* p : consumer->explicit_dependencies()) depend_on(p);
    consumer->walk([&](const Construct& c) {
      const TerraformElement* e = c.as_element();
      if (e == nullptr) return;
      e->visit_exprs([&](const Expr& x) {
        x.visit_refs([&](const TerraformElement& target, std::string_view attr_text) {
          const Stack* producer = Stack::try_of(target);
          if (producer == nullptr || producer == consumer || producer->parent() != consumer->parent()) return;  // validation reports these
          const std::string attr(attr_text);
          depend_on(producer);
          Key key{&target, attr};
          if (names_.count(key)) return;
          bool declared = attr.empty() && is_root_output(target);
          std::string name = declared ? target.logical_id() : export_name(target, attr);
          auto& exports = exports_[producer];
          for (int n = 2; !declared && exports.count(name); ++n) name = export_name(target, attr) + "_" + std::to_string(n);
          names_[key] = name;
          exports[name] = CrossStackExport{&target, attr, declared};
        });
      });
    });
  }
  // Tree order for dependencies, whatever order the references were met in.
  auto rank = [&](const Stack* s) { return std::find(stacks_.begin(), stacks_.end(), s) - stacks_.begin(); };
  for (auto& [consumer, deps] : depends_)
    std::stable_sort(deps.begin(), deps.end(), [&](const Stack* a, const Stack* b) { return rank(a) < rank(b); });
}

std::map<std::string, CrossStackExport> CrossStackLinks::exports_of(const Stack& producer) const {
  std::map<std::string, CrossStackExport> out;
  if (auto it = exports_.find(&producer); it != exports_.end())
    for (const auto& [name, x] : it->second)
      if (!x.declared) out.emplace(name, x);
  return out;
}

const std::string& CrossStackLinks::output_for(const TerraformElement& target, const std::string& attr) const {
  return names_.at(Key{&target, attr});
}

std::vector<const Stack*> CrossStackLinks::dependencies_of(const Stack& consumer) const {
  auto it = depends_.find(&consumer);
  return it == depends_.end() ? std::vector<const Stack*>{} : it->second;
}

std::string CrossStackLinks::find_cycle() const {
  // Depth-first search in tree order; the first back edge closes the reported chain.
  std::map<const Stack*, int> state;  // 0 new, 1 on the path, 2 done
  std::vector<const Stack*> path;
  std::string cycle;
  auto visit = [&](const auto& self, const Stack* s) -> bool {
    state[s] = 1;
    path.push_back(s);
    for (const Stack* d : dependencies_of(*s)) {
      if (state[d] == 1) {
        auto from = std::find(path.begin(), path.end(), d);
        for (auto it = from; it != path.end(); ++it) cycle += (*it)->id() + " -> ";
        cycle += d->id();
        return true;
      }
      if (state[d] == 0 && self(self, d)) return true;
    }
    path.pop_back();
    state[s] = 2;
    return false;
  };
  for (const Stack* s : stacks_)
    if (state[s] == 0 && visit(visit, s)) return cycle;
  return "";
}

std::string remote_state_name(const Stack& producer) {
  std::string out;
  for (char c : producer.id()) out += ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_';
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "stack_" + out;
  return out;
}

nlohmann::json remote_state_body(const Stack& producer) {
  const Backend& backend = producer.props().backend;
  if (const auto* local = std::get_if<LocalBackend>(&backend)) {
    std::filesystem::path path = local_state_path(*local, producer.id());
    // Relative paths are relative to the producer's directory, a sibling of the consumer's.
    if (path.is_relative()) path = (std::filesystem::path("..") / producer.id() / path).lexically_normal();
    return {{"backend", "local"}, {"config", {{"path", escape_template(path.generic_string())}}}};
  }
  const auto& s3 = std::get<S3Backend>(backend);
  // Unlike the backend block, a data source's arguments are expressions: literals are escaped.
  nlohmann::json config = {{"bucket", escape_template(s3.bucket)}, {"key", escape_template(s3.key)}, {"region", escape_template(s3.region)}};
  if (s3.workspace_key_prefix) config["workspace_key_prefix"] = escape_template(*s3.workspace_key_prefix);
  return {{"backend", "s3"}, {"config", std::move(config)}};
}

}  // namespace lcsynth::detail
