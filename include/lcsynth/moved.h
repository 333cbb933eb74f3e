#pragma once
// moved blocks: keep state when an element's address changes.

#include <string>

#include "lcsynth/element.h"

namespace lcsynth {

/// `moved { from = <old address>, to = <element> }`: keeps state when an element's address
/// changes. `from` is the old address verbatim (the old element no longer exists).
class Moved : public TerraformElement {
 public:
  Kind kind() const override { return Kind::kMoved; }
  Moved(Construct& scope, std::string id, std::string from, const TerraformElement& to);
  std::string address() const override;
  void validate(std::vector<Diagnostic>& findings) const override;
  nlohmann::json render(RenderContext& ctx) const override;

 private:
  std::string from_;
  const TerraformElement* to_;
};

}  // namespace lcsynth
