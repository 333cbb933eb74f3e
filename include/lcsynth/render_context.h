#pragma once
// What an element needs from the synthesizer while rendering: references resolved in the
// element's module scope, dependency addresses, provider addresses and metadata settings.

#include <string>

#include "lcsynth/expr.h"

namespace lcsynth {

class Construct;
class Provider;

class RenderContext : public RefResolver {
 public:
  /// The depends_on entry for `target` (an element or a module boundary) as seen from the
  /// current module: "aws_iam_role.lambda", "module.backend".
  virtual std::string dependency_address(const Construct& target) = 0;
  /// "aws" or "aws.<alias>".
  virtual std::string provider_address(const Provider& provider) = 0;
};

}  // namespace lcsynth
