// The base of Terraform blocks: logical ids, the add_override escape hatch, metadata, and the
// meta-arguments shared by resources, data sources and module calls.

#include "lcsynth/element.h"

#include <stdexcept>

#include <fmt/format.h>

#include "lcsynth/diagnostic.h"
#include "lcsynth/errors.h"
#include "lcsynth/module_scope.h"
#include "lcsynth/provider.h"

namespace lcsynth {

// The tree only grows and ids never change, so the enclosing module scope and the logical id
// found now stay true; looking the scope up on every use cost a dynamic_cast per ancestor, and
// joining the ids on every use cost 4 M instructions at N = 100 copies of LibreChat.
TerraformElement::TerraformElement(Construct& scope, std::string id)
    : Construct(scope, std::move(id)), module_scope_(ModuleScope::try_of(scope)) {
  if (module_scope_ != nullptr) logical_id_ = relative_logical_id(*module_scope_, *this);
}

const ModuleScope& TerraformElement::module_scope() const {
  return module_scope_ != nullptr ? *module_scope_ : ModuleScope::of(*parent());  // of() throws with the path
}

const std::string& TerraformElement::logical_id() const {
  if (logical_id_.empty()) module_scope();  // throws: not inside a stack
  return logical_id_;
}

void TerraformElement::override_logical_id(std::string id) {
  if (!is_terraform_identifier(id))
    throw ConstructError(path(), fmt::format("invalid logical id '{}': expected a Terraform identifier "
                                             "(a letter or '_', then letters, digits, '_' or '-')", id));
  logical_id_ = std::move(id);
}

void TerraformElement::add_override(std::string path, Expr value) {
  if (path.empty() || path.front() == '.' || path.back() == '.' || path.find("..") != std::string::npos)
    throw ConstructError(this->path(), fmt::format("invalid override path '{}': expected keys separated by '.'", path));
  overrides_.emplace_back(std::move(path), std::move(value));
}

void TerraformElement::visit_exprs(FunctionRef<void(const Expr&)> visit) const {
  for (const auto& [path, value] : overrides_) visit(value);
}

void TerraformElement::validate(std::vector<Diagnostic>& /*findings*/) const {}

void TerraformElement::apply_overrides(nlohmann::json& body, RenderContext& ctx) const {
  for (const auto& [path, value] : overrides_) {
    nlohmann::json* at = &body;
    size_t start = 0;
    while (true) {
      size_t dot = path.find('.', start);
      std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      bool last = dot == std::string::npos;
      // A numeric step indexes into an existing array (e.g. "ingress.0.description").
      bool index = at->is_array() && !key.empty() && key.find_first_not_of("0123456789") == std::string::npos &&
                   std::stoul(key) < at->size();
      if (last) {
        if (value.is_null() && !index) {
          if (at->is_object()) at->erase(key);
        } else if (index) {
          (*at)[std::stoul(key)] = value.to_json(ctx);
        } else {
          if (!at->is_object()) *at = nlohmann::json::object();
          (*at)[key] = value.to_json(ctx);
        }
        break;
      }
      if (index) {
        at = &(*at)[std::stoul(key)];
      } else {
        if (!at->is_object()) *at = nlohmann::json::object();
        at = &(*at)[key];
      }
      start = dot + 1;
    }
  }
}

nlohmann::json TerraformElement::render_block(RenderContext&) const {
  throw std::logic_error(address() + " renders no single block (TerraformElement::render_block)");
}

nlohmann::json TerraformElement::render(RenderContext& ctx) const {
  Place where = place();
  if (where.size == 0) throw std::logic_error(address() + " has no place and no render() of its own");
  nlohmann::json fragment = render_block(ctx);
  for (size_t i = where.size; i > 0; --i) fragment = nlohmann::json{{where.keys[i - 1], std::move(fragment)}};
  return fragment;
}

nlohmann::json TerraformElement::metadata() const {
  nlohmann::json comment = nlohmann::json::object();
  comment["metadata"]["path"] = recorded_path_in(module_scope(), *this);
  return comment;
}

void ConfigurableElement::depends_on(const Construct& target) {
  if (&target == this) throw ConstructError(path(), "cannot depend on itself");
  depends_on_.push_back(&target);
}

void ConfigurableElement::visit_exprs(FunctionRef<void(const Expr&)> visit) const {
  TerraformElement::visit_exprs(visit);
  if (count_) visit(*count_);
  if (for_each_) visit(*for_each_);
}

void ConfigurableElement::validate(std::vector<Diagnostic>& findings) const {
  TerraformElement::validate(findings);
  if (count_ && for_each_)
    findings.push_back({Severity::kError, "core/count-and-for-each", path(), address(),
                        "both count and for_each are set; Terraform accepts only one",
                        "remove set_count() or set_for_each()"});
}

void ConfigurableElement::render_meta(nlohmann::json& body, RenderContext& ctx) const {
  if (!depends_on_.empty()) {
    auto deps = nlohmann::json::array();
    for (const Construct* d : depends_on_) deps.push_back(ctx.dependency_address(*d));
    body["depends_on"] = std::move(deps);
  }
  if (count_) body["count"] = count_->to_json(ctx);
  if (for_each_) body["for_each"] = for_each_->to_json(ctx);
  if (provider_ != nullptr) body["provider"] = ctx.provider_address(*provider_);
}

}  // namespace lcsynth
