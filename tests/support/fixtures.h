#pragma once
// Tiny fixtures for core tests: an app with one stack, fake resource types (no AWS needed), a
// resolver that names references by their address, and in-memory synthesis.

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "lcsynth/lcsynth.h"

namespace lcsynth::test {

/// Resolves a reference to "<address>[.<attribute>]", as within one module.
class AddressResolver : public RefResolver {
 public:
  std::string resolve(const TerraformElement& target, std::string_view attribute) override {
    if (attribute.empty()) return target.address();
    return target.address() + (attribute.front() == '[' ? "" : ".") + std::string(attribute);
  }
};

/// A module boundary with whatever it holds added by the test, its inputs and outputs declared
/// from outside.
class Box : public ModuleBoundary {
 public:
  Box(Construct& scope, std::string id) : ModuleBoundary(scope, std::move(id)) {}
  using ModuleBoundary::input;
  using ModuleBoundary::output;
};

/// JSON rendering of an expression, references named by address.
inline nlohmann::json render(const Expr& e) {
  AddressResolver r;
  return e.to_json(r);
}

/// The what() of the lcsynth::Error `f` throws, or "<no error>".
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "<no error>";
}

/// Synthesizes `app` and returns the document at `path` (relative to the output root).
inline nlohmann::json synth_file(App& app, const std::string& path) {
  Assembly a = synthesize(app);
  for (const auto& s : a.stacks)
    if (auto it = s.files.find(path); it != s.files.end()) return it->second;
  throw std::runtime_error("no synthesized file " + path);
}

}  // namespace lcsynth::test
