// moved blocks: "from" is the old address verbatim; "to" is a live element in the same module.

#include "lcsynth/moved.h"

#include "lcsynth/diagnostic.h"
#include "lcsynth/module_scope.h"

namespace lcsynth {

Moved::Moved(Construct& scope, std::string id, std::string from, const TerraformElement& to)
    : TerraformElement(scope, std::move(id)), from_(std::move(from)), to_(&to) {}

std::string Moved::address() const { return "moved." + logical_id(); }

void Moved::validate(std::vector<Diagnostic>& findings) const {
  if (&ModuleScope::of(*to_) != &ModuleScope::of(*this))
    findings.push_back({Severity::kError, "core/moved-scope", path(), "",
                        "moved target " + to_->path() + " is in another module",
                        "add the Moved construct in the same module as its target"});
  if (from_.empty() || from_ == to_->address())
    findings.push_back({Severity::kError, "core/moved-from", path(), "",
                        "moved 'from' must be the element's previous address, not empty or its current one", ""});
}

nlohmann::json Moved::render(RenderContext& ctx) const {
  return {{"moved", nlohmann::json::array({{{"from", from_}, {"to", ctx.dependency_address(*to_)}}})}};
}

}  // namespace lcsynth
