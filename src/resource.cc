// Resources and data sources: a type and Expr arguments rendered into Terraform JSON, with
// meta-arguments, lifecycle and overrides applied last.

#include "lcsynth/resource.h"

#include <algorithm>

#include <fmt/format.h>

#include "lcsynth/diagnostic.h"
#include "lcsynth/errors.h"
#include "lcsynth/module_scope.h"

namespace lcsynth {

TypedBlock::TypedBlock(Construct& scope, std::string id, std::string type, Arguments arguments)
    : ConfigurableElement(scope, std::move(id)), type_(std::move(type)) {
  if (!is_terraform_identifier(type_))
    throw ConstructError(path(), fmt::format("invalid Terraform type '{}': expected an identifier such as "
                                             "'aws_s3_bucket'", type_));
  arguments_.reserve(arguments.size());
  while (!arguments.empty()) {  // in key order, each entry moved out of the map
    auto entry = arguments.extract(arguments.begin());
    check_name(entry.key());
    arguments_.emplace_back(std::move(entry.key()), std::move(entry.mapped()));
  }
}

void TypedBlock::check_name(const std::string& name) const {
  if (!is_terraform_identifier(name))
    throw ConstructError(path(), fmt::format("invalid argument name '{}' for {}: expected an identifier", name, type_));
}

namespace {
bool name_less(const std::pair<std::string, Expr>& argument, const std::string& name) { return argument.first < name; }
}  // namespace

void TypedBlock::set(const std::string& name, Expr value) {
  check_name(name);
  auto it = std::lower_bound(arguments_.begin(), arguments_.end(), name, name_less);
  if (it != arguments_.end() && it->first == name)
    it->second = std::move(value);
  else
    arguments_.emplace(it, name, std::move(value));
}

const Expr* TypedBlock::try_get(const std::string& name) const {
  auto it = std::lower_bound(arguments_.begin(), arguments_.end(), name, name_less);
  return it != arguments_.end() && it->first == name ? &it->second : nullptr;
}

void TypedBlock::visit_exprs(FunctionRef<void(const Expr&)> visit) const {
  ConfigurableElement::visit_exprs(visit);
  for (const auto& [name, value] : arguments_) visit(value);
}

nlohmann::json TypedBlock::render_body(RenderContext& ctx) const {
  auto body = nlohmann::json::object();
  auto& object = body.get_ref<nlohmann::json::object_t&>();
  for (const auto& [name, value] : arguments_) object.emplace_hint(object.end(), name, value.to_json(ctx));  // sorted by name
  render_meta(body, ctx);
  object.emplace_hint(object.begin(), "//", metadata());  // before any identifier
  return body;
}

Resource::Resource(Construct& scope, std::string id, std::string type, Arguments arguments)
    : TypedBlock(scope, std::move(id), std::move(type), std::move(arguments)) {}

std::string Resource::address() const { return type() + "." + logical_id(); }

void Resource::visit_exprs(FunctionRef<void(const Expr&)> visit) const {
  TypedBlock::visit_exprs(visit);
  for (const auto& e : lifecycle_.replace_triggered_by) visit(e);
}

nlohmann::json Resource::render_block(RenderContext& ctx) const {
  auto body = render_body(ctx);
  auto lifecycle = nlohmann::json::object();
  if (lifecycle_.create_before_destroy) lifecycle["create_before_destroy"] = true;
  if (lifecycle_.prevent_destroy) lifecycle["prevent_destroy"] = true;
  if (!lifecycle_.ignore_changes.empty()) {
    // "all" is a keyword, not a list entry.
    if (lifecycle_.ignore_changes.size() == 1 && lifecycle_.ignore_changes[0] == "all")
      lifecycle["ignore_changes"] = "all";
    else
      lifecycle["ignore_changes"] = lifecycle_.ignore_changes;
  }
  if (!lifecycle_.replace_triggered_by.empty()) {
    // Terraform reads these entries as bare traversals, not templates.
    auto triggers = nlohmann::json::array();
    for (const auto& e : lifecycle_.replace_triggered_by) {
      if (const TerraformElement* target = e.ref_target())
        triggers.push_back(ctx.resolve(*target, e.ref_attribute()));
      else
        throw ConstructError(path(), "lifecycle.replace_triggered_by entries must be references to elements");
    }
    lifecycle["replace_triggered_by"] = std::move(triggers);
  }
  if (!lifecycle.empty()) body["lifecycle"] = std::move(lifecycle);
  apply_overrides(body, ctx);
  return body;
}

DataSource::DataSource(Construct& scope, std::string id, std::string type, Arguments arguments)
    : TypedBlock(scope, std::move(id), std::move(type), std::move(arguments)) {}

std::string DataSource::address() const { return "data." + type() + "." + logical_id(); }

nlohmann::json DataSource::render_block(RenderContext& ctx) const {
  auto body = render_body(ctx);
  apply_overrides(body, ctx);
  return body;
}

}  // namespace lcsynth
