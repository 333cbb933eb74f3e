#pragma once
// Provider configurations. Their source and version are collected into the stack's
// terraform.required_providers.

#include <optional>
#include <string>

#include "lcsynth/resource.h"

namespace lcsynth {

struct ProviderProps {
  std::string name;                  ///< local name, e.g. "aws"
  std::string source;                ///< e.g. "hashicorp/aws"
  std::string version;               ///< constraint, e.g. ">= 6.26, < 7.0"; "" for none
  std::optional<std::string> alias;  ///< for a non-default configuration
  Arguments config;                  ///< provider arguments (region, default_tags, ...)
};

/// `provider "<name>" { alias = ..., ... }`
class Provider : public TerraformElement {
 public:
  Kind kind() const override { return Kind::kProvider; }
  Provider(Construct& scope, std::string id, ProviderProps props);
  const ProviderProps& props() const { return props_; }
  /// "aws" or "aws.<alias>": what a provider meta-argument names.
  std::string address() const override;
  void visit_exprs(FunctionRef<void(const Expr&)> visit) const override;
  nlohmann::json render(RenderContext& ctx) const override;

 private:
  ProviderProps props_;
};

}  // namespace lcsynth
