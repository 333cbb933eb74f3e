// Rendering of one stack: each element into its module's document with references resolved as
// seen from that module. A reference that crosses module boundaries is threaded through
// generated variables (into enclosed modules) or outputs (out of them). Modules are rendered
// depth first and each document is handed on as soon as it is final, so a stack's output is
// never all in memory (besides that path down the module tree, the last documents a later
// module may share are kept: shared_modules.h).

#include "stack_renderer.h"

#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "lcsynth/backend.h"
#include "lcsynth/module_boundary.h"
#include "lcsynth/module_call.h"
#include "lcsynth/provider.h"
#include "lcsynth/stack.h"
#include "background_queue.h"
#include "cross_stack.h"
#include "prepared_in_pairs.h"
#include "release_document.h"
#include "scopes.h"
#include "shared_modules.h"

namespace lcsynth::detail {

namespace {

struct ScopeDoc {
  const ModuleScope* scope = nullptr;
  std::string dir;  // relative to the stack directory; "" for the stack itself
  nlohmann::json doc = nlohmann::json::object();
  nlohmann::json generated_args = nlohmann::json::object();  // threaded inputs the parent passes
  nlohmann::json providers = nlohmann::json::object();       // aliased providers the parent passes
  std::vector<const TerraformElement*> elements;
  std::vector<const ModuleBoundary*> calls;  // the modules this one calls, in tree order
  std::string prefix;                        // "module.a.module.b." ("" for the stack)
  bool emitted = false;                      // handed to the callback: no longer changes
  const ModuleBoundary* shares = nullptr;    // the module whose directory this one's call uses
};

// Deep merge; arrays concatenate (several provider configurations, moved blocks). Validation
// has already ruled out two elements writing the same key.
void merge(nlohmann::json& into, nlohmann::json from) {
  if (into.is_object() && from.is_object()) {
    for (auto& [k, v] : from.items()) merge(into[k], std::move(v));
  } else if (into.is_array() && from.is_array()) {
    for (auto& v : from) into.push_back(std::move(v));
  } else if (into.is_null()) {
    into = std::move(from);
  } else {
    throw std::logic_error("merge conflict in rendered Terraform JSON: " + from.dump());
  }
}

// `s` as an identifier part: letters, digits and '_' kept, anything else '_', runs of '_' as
// one, no '_' at the end.
std::string sanitize(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!keep) c = '_';
    if (c == '_' && !out.empty() && out.back() == '_') continue;
    out += c;
  }
  if (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// The directory of module `b` under the stack's, given its parent module's ("" for the stack).
std::string module_directory(const std::string& parent, const ModuleBoundary& b) {
  return (parent.empty() ? "" : parent + "/") + b.directory();
}

std::string with_attribute(std::string base, const std::string& attr) {
  if (attr.empty()) return base;
  if (attr.front() != '[') base += '.';
  return base.append(attr);  // in place: a reference's text is made once per reference
}

// While a module that calls none of its own is rendered alone (render_leaves_in_pairs), on this
// thread: the one module whose document may change.
class Isolated {
 public:
  struct Broken {};  // rendering it alone would change another module's document
  explicit Isolated(const ModuleScope& module) : previous_(current_) { current_ = &module; }
  ~Isolated() { current_ = previous_; }
  Isolated(const Isolated&) = delete;
  Isolated& operator=(const Isolated&) = delete;
  static void check(const ModuleScope& x) {
    if (current_ != nullptr && current_ != &x) throw Broken{};
  }

 private:
  static inline thread_local const ModuleScope* current_ = nullptr;
  const ModuleScope* previous_;
};

// How far the helper renders leaf modules ahead of the one handed on next.
constexpr size_t kRenderedAhead = 16;

class Renderer {
 public:
  Renderer(const Stack& stack, const CrossStackLinks& links, const RenderOptions& options)
      : stack_(stack), links_(links), share_modules_(options.share_modules), shared_(stack, options.two_threads) {
    if (options.two_threads) helper_.emplace(BackgroundQueue::Runs::kOnItsThread);
  }

  void run(const DocumentCallback& emit) {
    collect();
    // Values other stacks read: outputs of the root module, threaded up from where they live.
    // First, so every module is rendered knowing the outputs threaded through it.
    for (const auto& [name, x] : links_.exports_of(stack_)) {
      std::string value = "${" + text_in(stack_, *x.target, x.attr) + "}";
      merge(open_doc(stack_).doc, {{"output", {{name, {{"value", value},
                                                       {"description", "Read by other stacks: " + with_attribute(x.target->path(), x.attr)}}}}}});
    }
    render_scope(stack_, emit);
  }

 private:
  class Context : public RenderContext {
   public:
    Context(Renderer& r, const ModuleScope& scope) : r_(r), scope_(scope) {}
    std::string resolve(const TerraformElement& t, std::string_view attr) override { return r_.text_in(scope_, t, std::string(attr)); }
    std::string dependency_address(const Construct& target) override { return r_.dependency_in(scope_, target); }
    std::string provider_address(const Provider& p) override { return r_.provider_in(scope_, p); }

   private:
    Renderer& r_;
    const ModuleScope& scope_;
  };

  // Renders a module and everything under it, then hands its document to `emit`: a module's
  // document is final once its own elements, the inputs of the modules it calls (which may
  // thread values up out of them) and those modules themselves are rendered. Only the documents
  // on the path from the stack down to the module being rendered are in memory at once (and
  // those of the leaf modules rendered ahead: render_leaves_in_pairs).
  void render_scope(const ModuleScope& x, const DocumentCallback& emit) {
    render_elements(x);
    const std::vector<const ModuleBoundary*>& calls = docs_.at(&x).calls;
    std::vector<nlohmann::json> inputs;
    for (const ModuleBoundary* b : calls) inputs.push_back(render_inputs(*b));
    for (size_t i = 0; i < calls.size();) {
      size_t leaves = i;
      while (helper_ && leaves < calls.size() && docs_.at(calls[leaves]).calls.empty()) ++leaves;
      if (leaves - i >= 2) {
        render_leaves_in_pairs(calls, i, leaves, inputs, emit);
        i = leaves;
        continue;
      }
      render_scope(*calls[i], emit);
      render_call(*calls[i], std::move(inputs[i]));
      ++i;
    }
    add_terraform_block(open_doc(x));
    hand_on(x, nullptr, emit);
  }

  void render_elements(const ModuleScope& x) {
    for (const TerraformElement* e : docs_.at(&x).elements) {
      Context ctx(*this, scope_of(*e));
      if (TerraformElement::Place place = e->place(); place.size > 0) {
        // Most elements: the block put in its place, without render()'s nesting to merge.
        nlohmann::json body = e->render_block(ctx);
        nlohmann::json* slot = &open_doc(x).doc;
        for (size_t i = 0; i < place.size; ++i) slot = &(*slot)[place.keys[i]];
        if (!slot->is_null()) throw std::logic_error("two elements rendered " + e->address());
        *slot = std::move(body);
      } else {
        merge(open_doc(x).doc, e->render(ctx));
      }
    }
  }

  // What rendering a leaf module alone found out besides its document (render_leaves_in_pairs).
  struct Prepared {
    SharedModules::Key key;
    SharedModules::Found same;  // among the modules remembered by then; when found, the document is freed
  };

  // Hands x's document, final, to `emit`, or only its path when it equals an earlier module's
  // (whose directory x's call then uses).
  void hand_on(const ModuleScope& x, const Prepared* prepared, const DocumentCallback& emit) {
    ScopeDoc& d = open_doc(x);
    d.emitted = true;
    RenderedDocument rendered{d.dir.empty() ? "cdk.tf.json" : d.dir + "/main.tf.json", std::move(d.doc), d.prefix, x.path(), ""};
    d.doc = nullptr;
    // A module that calls local modules is not shared: its document names their directories,
    // not what is in them.
    if (x.is_stack() || !share_modules_ || !d.calls.empty()) {
      emit(std::move(rendered));
      return;
    }
    const auto& module = static_cast<const ModuleBoundary&>(x);
    SharedModules::Key key = prepared != nullptr ? prepared->key : shared_.key_of(module, rendered.doc);
    SharedModules::Found same = prepared != nullptr ? prepared->same : SharedModules::Found{};
    if (same.module == nullptr) same = shared_.find(key, rendered.doc, same.searched);  // those remembered since
    if (same.module != nullptr) {
      d.shares = same.module;
      rendered.same_as = docs_.at(same.module).dir + "/main.tf.json";
      emit(std::move(rendered));
    } else if (std::shared_ptr<const nlohmann::json> kept = emit(std::move(rendered))) {
      shared_.remember(std::move(key), module, std::move(kept));
    }
  }

  // Calls [begin, end) of `calls`, modules that call none of their own, rendered on two threads
  // (this one and helper_'s) and handed on here in order, each followed by its call. A module
  // rendered this way may change no document but its own (open_doc() throws Isolated::Broken
  // otherwise): then the modules from it on are put back as they were and rendered in turn on
  // this thread, as render_scope() would have, so that the output is the same either way.
  // What else a leaf module's rendering touches is the tree, locked, and this renderer's
  // tables, filled before rendering began.
  void render_leaves_in_pairs(const std::vector<const ModuleBoundary*>& calls, size_t begin, size_t end, std::vector<nlohmann::json>& inputs,
                              const DocumentCallback& emit) {
    struct Before {  // what rendering a module alone changes
      nlohmann::json doc, generated_args, providers;
    };
    size_t n = end - begin;
    std::vector<Before> before(n);
    std::vector<Prepared> prepared(n);
    PreparedInPairs run(*helper_, n, kRenderedAhead, [&](size_t i) {
      const ModuleBoundary& b = *calls[begin + i];
      ScopeDoc& d = docs_.at(&b);
      try {
        before[i] = {d.doc, d.generated_args, d.providers};
        Isolated alone(b);
        render_elements(b);
        add_terraform_block(open_doc(b));
        if (share_modules_) {
          prepared[i].key = shared_.key_of(b, d.doc);
          prepared[i].same = shared_.find(prepared[i].key, d.doc);
          if (prepared[i].same.module != nullptr) release_document(d.doc);  // only its path is handed on
        }
        return true;
      } catch (...) {  // rendered again on the caller's thread, in turn: an error is thrown there
        return false;
      }
    });
    size_t i = 0;
    for (; i < n && run.wait_for(i); ++i) {
      hand_on(*calls[begin + i], share_modules_ ? &prepared[i] : nullptr, emit);
      render_call(*calls[begin + i], std::move(inputs[begin + i]));
      run.taken(i);
    }
    run.stop();
    for (size_t j = i; j < n; ++j) {
      if (!run.prepared(j)) continue;
      ScopeDoc& d = docs_.at(calls[begin + j]);
      d.doc = std::move(before[j].doc);
      d.generated_args = std::move(before[j].generated_args);
      d.providers = std::move(before[j].providers);
    }
    for (; i < n; ++i) {
      render_scope(*calls[begin + i], emit);
      render_call(*calls[begin + i], std::move(inputs[begin + i]));
    }
  }

  // A module's document, while it can still change.
  ScopeDoc& open_doc(const ModuleScope& x) {
    Isolated::check(x);
    ScopeDoc& d = docs_.at(&x);
    if (d.emitted) throw std::logic_error("rendering changed the module " + x.path() + " after it was written");
    return d;
  }

  void collect() {
    stack_.walk([&](const Construct& c) {
      if (const ModuleScope* s = c.as_module_scope()) {
        ScopeDoc& d = docs_[s];
        d.scope = s;
        if (const ModuleScope* p = s->parent_scope()) {
          const auto* b = static_cast<const ModuleBoundary*>(s);
          ScopeDoc& parent = docs_.at(p);
          d.dir = module_directory(parent.dir, *b);
          d.prefix = parent.prefix + "module." + b->module_name() + ".";
          parent.calls.push_back(b);
        }
      } else if (const TerraformElement* e = c.as_element()) {
        docs_.at(&scope_of(*e)).elements.push_back(e);
        if (e->kind() == TerraformElement::Kind::kProvider) {
          const auto* p = static_cast<const Provider*>(e);
          providers_.emplace(p->props().name, p);
        }
      }
    });
  }

  // The HCL text for `target`'s `attr` as seen from module `x`.
  std::string text_in(const ModuleScope& x, const TerraformElement& target, const std::string& attr) {
    if (const Stack* producer = Stack::try_of(target); producer != &stack_) return remote_text_in(x, *producer, target, attr);
    const ModuleScope& owner = scope_of(target);
    if (target.kind() == TerraformElement::Kind::kOutput) {
      const auto* out = static_cast<const TerraformOutput*>(&target);
      if (&owner == &x) {
        Context inner(*this, owner);
        return with_attribute("(" + out->props().value.to_hcl(inner) + ")", attr);
      }
      if (owner.parent_scope() == &x)
        return with_attribute("module." + static_cast<const ModuleBoundary&>(owner).module_name() + "." + out->logical_id(), attr);
      // A module's output read further down its caller, outside the module (in a module the
      // caller also calls): threaded down from the caller, where it is module.<name>.<output>.
      if (owner.parent_scope() != nullptr && encloses(*owner.parent_scope(), x) && !encloses(owner, x)) {
        std::string in_caller = "module." + static_cast<const ModuleBoundary&>(owner).module_name() + "." + out->logical_id();
        return thread_down(x, target, attr, sanitize(with_attribute(in_caller, attr)),
                           [&] { return "Threaded from " + target.path() + " (" + with_attribute(in_caller, attr) + ")"; });
      }
    }
    if (&owner == &x) return with_attribute(target.address(), attr);
    std::string name = sanitize(with_attribute(target.address(), attr));
    if (encloses(owner, x))  // thread down: a variable in x, passed by x's parent
      return thread_down(x, target, attr, name, [&] { return "Threaded from " + target.path() + " (" + with_attribute(target.address(), attr) + ")"; });
    if (encloses(x, owner)) {  // thread up: an output of the module under x
      const auto& child = static_cast<const ModuleBoundary&>(child_toward(x, owner));
      ScopeDoc& d = open_doc(child);
      if (!d.doc.contains("output") || !d.doc["output"].contains(name)) {
        std::string inner = text_in(child, target, attr);
        merge(d.doc, {{"output", {{name, {{"value", "${" + inner + "}"},
                                          {"description", "Threaded from " + target.path()}}}}}});
      }
      return "module." + child.module_name() + "." + name;
    }
    throw std::logic_error("unvalidated reference across module boundaries to " + target.path());
  }

  // x's variable `name` with the value of `target`'s `attr`, passed in by x's parent; its
  // description made by describe() only the first time (a reference resolved again finds it).
  template <class Describe>
  std::string thread_down(const ModuleScope& x, const TerraformElement& target, const std::string& attr, const std::string& name,
                          Describe describe) {
    ScopeDoc& d = open_doc(x);
    if (!d.generated_args.contains(name)) {
      std::string outer = text_in(*x.parent_scope(), target, attr);
      d.generated_args[name] = "${" + outer + "}";
      merge(d.doc, {{"variable", {{name, {{"description", describe()}}}}}});
    }
    return "var." + name;
  }

  // Another stack's value: read from its state at the root, threaded down into modules.
  //   data.terraform_remote_state.librechat_registry.outputs.repository_url
  std::string remote_text_in(const ModuleScope& x, const Stack& producer, const TerraformElement& target, const std::string& attr) {
    std::string source = remote_state_name(producer);
    const std::string& output = links_.output_for(target, attr);
    if (!x.is_stack())
      return thread_down(x, target, attr, source + "_" + output, [&] {
        return "Threaded from " + with_attribute(target.path(), attr) + " (stack '" + producer.id() + "', output '" + output + "')";
      });
    ScopeDoc& root = open_doc(stack_);
    if (!root.doc.contains("data") || !root.doc["data"].contains("terraform_remote_state") ||
        !root.doc["data"]["terraform_remote_state"].contains(source)) {
      nlohmann::json body = remote_state_body(producer);
      body["//"] = {{"metadata", {{"path", stack_.path()}, {"stack", producer.id()}}}};
      merge(root.doc, {{"data", {{"terraform_remote_state", {{source, std::move(body)}}}}}});
    }
    return "data.terraform_remote_state." + source + ".outputs." + output;
  }

  std::string dependency_in(const ModuleScope& x, const Construct& target) {
    const ModuleScope* owner = nullptr;
    std::string address;
    if (const ModuleScope* s = target.as_module_scope(); s != nullptr && !s->is_stack()) {
      const auto* b = static_cast<const ModuleBoundary*>(s);
      owner = b->parent_scope();
      address = "module." + b->module_name();
    } else {
      owner = &scope_of(target);
      address = static_cast<const TerraformElement&>(target).address();
    }
    if (owner == &x) return address;
    return "module." + static_cast<const ModuleBoundary&>(child_toward(x, *owner)).module_name();
  }

  std::string provider_in(const ModuleScope& x, const Provider& p) {
    const ModuleScope& owner = scope_of(p);
    std::string address = p.address();
    // Default configurations are inherited by modules; aliased ones are passed explicitly.
    for (const ModuleScope* s = &x; s != &owner && s != nullptr && p.props().alias; s = s->parent_scope()) {
      ScopeDoc& d = open_doc(*s);
      if (d.providers.contains(address)) continue;
      d.providers[address] = address;
      merge(d.doc, {{"terraform", {{"required_providers", {{p.props().name, {{"configuration_aliases", {address}}}}}}}}});
    }
    return address;
  }

  // The inputs `b`'s caller passes, rendered in the caller before `b` itself is rendered.
  nlohmann::json render_inputs(const ModuleBoundary& b) {
    Context ctx(*this, *b.parent_scope());
    nlohmann::json inputs = nlohmann::json::object();
    for (const TerraformVariable* v : b.inputs())
      if (v->module_input()) inputs[v->logical_id()] = v->module_input()->to_json(ctx);
    return inputs;
  }

  // The call of `b` in its parent, once `b` is rendered: its threaded inputs are then known.
  void render_call(const ModuleBoundary& b, nlohmann::json inputs) {
    const ModuleScope& parent = *b.parent_scope();
    ScopeDoc& d = docs_.at(&b);
    nlohmann::json body = std::move(d.generated_args);
    body["source"] = "./" + (d.shares != nullptr ? d.shares->directory() : b.directory());
    for (auto& [name, value] : inputs.items()) body[name] = std::move(value);
    if (!d.providers.empty()) body["providers"] = std::move(d.providers);
    if (!b.dependencies().empty()) {
      auto deps = nlohmann::json::array();
      for (const Construct* c : b.dependencies()) deps.push_back(dependency_in(parent, *c));
      body["depends_on"] = std::move(deps);
    }
    body["//"] = {{"metadata", {{"path", recorded_path_in(parent, b)}}}};
    merge(open_doc(parent).doc, {{"module", {{b.module_name(), std::move(body)}}}});
  }

  void add_terraform_block(ScopeDoc& d) {
    auto& tf = d.doc["terraform"];
    for (const auto& [name, p] : providers_) {
      auto& entry = tf["required_providers"][name];
      entry["source"] = p->props().source;
      if (d.scope->is_stack() && !p->props().version.empty()) entry["version"] = p->props().version;
    }
    if (d.scope->is_stack()) {
      const StackProps& props = stack_.props();
      if (!props.required_version.empty()) tf["required_version"] = props.required_version;
      if (const auto* local = std::get_if<LocalBackend>(&props.backend)) {
        tf["backend"]["local"]["path"] = local_state_path(*local, stack_.id());
      } else {
        const auto& s3 = std::get<S3Backend>(props.backend);
        auto& b = tf["backend"]["s3"];
        b = {{"bucket", s3.bucket}, {"key", s3.key}, {"region", s3.region}, {"use_lockfile", s3.use_lockfile}, {"encrypt", s3.encrypt}};
        if (s3.kms_key_id) b["kms_key_id"] = *s3.kms_key_id;
        if (s3.workspace_key_prefix) b["workspace_key_prefix"] = *s3.workspace_key_prefix;
      }
      d.doc["//"] = {{"metadata", {{"stackName", stack_.id()}, {"backend", std::holds_alternative<LocalBackend>(props.backend) ? "local" : "s3"}}}};
      // Accepted policy findings travel with the output, so a reviewer sees them in the diff.
      for (const auto& s : stack_.suppressions())
        d.doc["//"]["suppressions"].push_back({{"rule", s.rule}, {"scope", s.scope}, {"reason", s.reason}});
    }
    if (tf.empty()) d.doc.erase("terraform");
  }

  const Stack& stack_;
  const CrossStackLinks& links_;
  std::unordered_map<const ModuleScope*, ScopeDoc> docs_;
  std::map<std::string, const Provider*> providers_;
  bool share_modules_;
  SharedModules shared_;
  std::optional<BackgroundQueue> helper_;  // with RenderOptions::two_threads
};

}  // namespace

void render_stack(const Stack& stack, const CrossStackLinks& links, const RenderOptions& options, const DocumentCallback& emit) {
  Renderer(stack, links, options).run(emit);
}

}  // namespace lcsynth::detail
