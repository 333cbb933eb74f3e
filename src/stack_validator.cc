// Validation of one stack before anything is rendered: each element's own checks, unique
// Terraform addresses per module, legal references and depends_on across module boundaries,
// required module inputs, provider requirements, and dependency cycles.

#include "stack_validator.h"

#include <map>
#include <unordered_map>

#include <fmt/format.h>

#include "lcsynth/graph.h"
#include "lcsynth/module_boundary.h"
#include "lcsynth/moved.h"
#include "lcsynth/provider.h"
#include "lcsynth/local.h"
#include "lcsynth/stack.h"
#include "scopes.h"

namespace lcsynth::detail {

namespace {

class Validator {
 public:
  explicit Validator(const Stack& stack) : stack_(stack) {}

  std::vector<Diagnostic> run() {
    stack_.walk([&](const Construct& c) {
      if (const TerraformElement* e = c.as_element()) {
        check_element(*e);
      } else if (const ModuleScope* s = c.as_module_scope(); s && !s->is_stack()) {
        check_boundary(static_cast<const ModuleBoundary&>(*s));
      }
    });
    return std::move(findings_);
  }

  std::vector<Diagnostic> run_cycles() {
    check_cycles();
    return std::move(findings_);
  }

 private:
  void add(const Construct& where, std::string address, std::string rule, std::string message, std::string fix) {
    findings_.push_back({Severity::kError, std::move(rule), where.path(), std::move(address), std::move(message), std::move(fix)});
  }

  void claim_address(const ModuleScope& scope, const std::string& address, const Construct& owner) {
    auto [it, fresh] = addresses_[&scope].emplace(address, &owner);
    if (!fresh)
      add(owner, address, "core/duplicate-address",
          fmt::format("synthesizes to the same Terraform address as [{}]", it->second->path()),
          "give one of them a different id, or call override_logical_id() / override_module_name()");
  }

  void check_element(const TerraformElement& e) {
    e.validate(findings_);
    const auto kind = e.kind();
    if (kind != TerraformElement::Kind::kMoved) claim_address(scope_of(e), e.address(), e);
    if ((kind == TerraformElement::Kind::kMoved || kind == TerraformElement::Kind::kLocal) && e.has_overrides())
      add(e, e.address(), "core/unsupported-override", "add_override() has no effect here: locals and moved blocks have no block body",
          "set the value itself when constructing it");
    if (kind == TerraformElement::Kind::kProvider) check_provider(static_cast<const Provider&>(e));
    const ModuleScope& consumer = consumer_scope(e);
    e.visit_exprs([&](const Expr& x) {
      x.visit_refs([&](const TerraformElement& target, std::string_view) { check_reference(e, consumer, target); });
    });
    for (const Construct* d : e.explicit_dependencies()) check_dependency(e, scope_of(e), *d);
  }

  void check_reference(const TerraformElement& from, const ModuleScope& consumer, const TerraformElement& target) {
    const Stack* producer = Stack::try_of(target);
    if (producer == nullptr || producer->parent() != stack_.parent()) {
      add(from, from.address(), "core/foreign-reference",
          fmt::format("references [{}] ({}), which is not in a stack of this app", target.path(), target.address()),
          "build both constructs into the same App");
      return;
    }
    if (target.kind() == TerraformElement::Kind::kProvider || target.kind() == TerraformElement::Kind::kMoved) {
      add(from, from.address(), "core/invalid-reference",
          fmt::format("references [{}] ({}), which has no value to reference", target.path(), target.address()),
          "use set_provider() to select a provider configuration");
      return;
    }
    if (producer != &stack_) return;  // read through terraform_remote_state (cross_stack.h)
    const ModuleScope& owner = scope_of(target);
    if (encloses(owner, consumer) || encloses(consumer, owner)) return;
    if (target.kind() == TerraformElement::Kind::kOutput && !owner.is_stack() && owner.parent_scope() != nullptr && encloses(*owner.parent_scope(), consumer))
      return;
    add(from, from.address(), "core/reference-into-module",
        fmt::format("references [{}] ({}) inside module boundary [{}], which neither encloses nor is enclosed by [{}]",
                    target.path(), target.address(), owner.path(), consumer.path()),
        fmt::format("declare an output on [{}] and use output_ref(), then pass it in as an input", owner.path()));
  }

  void check_dependency(const TerraformElement& from, const ModuleScope& consumer, const Construct& target) {
    const TerraformElement* element = target.as_element();
    const ModuleScope* scope = target.as_module_scope();
    const auto* boundary = scope != nullptr && !scope->is_stack() ? static_cast<const ModuleBoundary*>(scope) : nullptr;
    bool dependable = boundary != nullptr;
    if (element != nullptr) {
      using Kind = TerraformElement::Kind;
      dependable = element->kind() == Kind::kResource || element->kind() == Kind::kDataSource || element->kind() == Kind::kModuleCall;
    }
    if (!dependable) {
      add(from, from.address(), "core/invalid-dependency",
          fmt::format("depends_on [{}], which is not a resource, data source or module", target.path()),
          "depend on the resource or module itself");
      return;
    }
    if (Stack::try_of(target) != &stack_) {
      add(from, from.address(), "core/cross-stack-dependency",
          fmt::format("depends on [{}], which is not in stack '{}'", target.path(), stack_.id()),
          fmt::format("Terraform cannot order across states: call add_dependency() on stack '{}' instead", stack_.id()));
      return;
    }
    const ModuleScope& owner = element ? scope_of(*element) : *boundary->parent_scope();
    if (!encloses(consumer, owner))
      add(from, from.address(), "core/depends-on-scope",
          fmt::format("depends on [{}], which is outside module [{}]", target.path(), consumer.path()),
          "make the enclosing module boundary depend on it instead (ModuleBoundary::depends_on)");
  }

  void check_boundary(const ModuleBoundary& b) {
    claim_address(*b.parent_scope(), "module." + b.module_name(), b);
    for (const TerraformVariable* v : b.inputs())
      if (v->required() && !v->module_input())
        add(*v, v->address(), "core/missing-module-input",
            fmt::format("module input '{}' of [{}] is required but no value was passed", v->id(), b.path()),
            "pass a value for it, or give the input a default");
    for (const Construct* d : b.dependencies()) {
      const TerraformElement* e = d->as_element();
      if (d == &b || (e && encloses(b, scope_of(*e))))
        add(b, "module." + b.module_name(), "core/depends-on-scope",
            fmt::format("module boundary depends on [{}], which is inside it", d->path()), "");
    }
  }

  void check_provider(const Provider& p) {
    auto [it, fresh] = provider_sources_.emplace(p.props().name, &p);
    const ProviderProps& first = it->second->props();
    if (!fresh && (first.source != p.props().source || first.version != p.props().version))
      add(p, p.address(), "core/provider-conflict",
          fmt::format("provider '{}' is required as '{}' '{}' here but as '{}' '{}' by [{}]", p.props().name,
                      p.props().source, p.props().version, first.source, first.version, it->second->path()),
          "use one source and version constraint for each provider name");
  }

  void check_cycles() {
    DependencyGraph graph(stack_);
    auto cycle = graph.find_cycle();
    if (cycle.empty()) return;
    add(*cycle.front(), cycle.front()->address(), "core/dependency-cycle",
        "dependency cycle: " + describe_cycle(cycle),
        "break one edge of the chain, e.g. move a rule into its own resource that depends on both ends");
  }

  const Stack& stack_;
  std::vector<Diagnostic> findings_;
  std::unordered_map<const ModuleScope*, std::unordered_map<std::string, const Construct*>> addresses_;
  std::map<std::string, const Provider*> provider_sources_;
};

}  // namespace

std::vector<Diagnostic> validate_stack(const Stack& stack) { return Validator(stack).run(); }
std::vector<Diagnostic> find_dependency_cycles(const Stack& stack) { return Validator(stack).run_cycles(); }

}  // namespace lcsynth::detail
