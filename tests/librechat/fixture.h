#pragma once
// The LibreChat stacks synthesized in memory from examples/librechat/dev.json, optionally
// patched (RFC 7386 merge patch), with accessors for each module's document; or the main stack
// alone as a testing::Synth for the assertions of lcsynth/testing.h.

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "lcsynth/lcsynth.h"
#include "lcsynth/testing.h"
#include "stacks/librechat/librechat_stack.h"
#include "support/scratch_dir.h"

namespace lcsynth::test {

struct LibreChat {
  Assembly assembly;

  static nlohmann::json example(const std::string& name = "dev.json") {
    return nlohmann::json::parse(read_text(std::string(LCSYNTH_SOURCE_DIR) + "/examples/librechat/" + name));
  }
  static librechat::LibreChatConfig config(const nlohmann::json& patch, const std::string& base) {
    nlohmann::json values = example(base);
    values.merge_patch(patch);
    return librechat::load_librechat_config(Config{values, base});
  }
  static LibreChat synth(const nlohmann::json& patch = nlohmann::json::object(), const std::string& base = "dev.json") {
    auto config = LibreChat::config(patch, base);
    App app;
    librechat::build_registry_stack(app, config);
    librechat::build_librechat_stack(app, config);
    return LibreChat{synthesize(app)};
  }
  /// The librechat stack alone (no registry stack), synthesized for testing assertions.
  static testing::Synth stack(const nlohmann::json& patch = nlohmann::json::object(), const std::string& base = "dev.json") {
    auto app = std::make_shared<App>();
    librechat::build_librechat_stack(*app, config(patch, base));
    return testing::synth(app, librechat::kStack);
  }
  const nlohmann::json& file(const std::string& path) const {
    for (const auto& s : assembly.stacks)
      if (auto it = s.files.find(path); it != s.files.end()) return it->second;
    throw std::runtime_error("no file " + path);
  }
  const nlohmann::json& root() const { return file("stacks/librechat/cdk.tf.json"); }
  const nlohmann::json& registry() const { return file("stacks/librechat-registry/cdk.tf.json"); }
  const nlohmann::json& module(const std::string& name) const { return file("stacks/librechat/modules/" + name + "/main.tf.json"); }
  /// A resource body in a module: resource(module, "aws_lambda_function", "api").
  const nlohmann::json& resource(const std::string& mod, const std::string& type, const std::string& name) const {
    return module(mod).at("resource").at(type).at(name);
  }
  const nlohmann::json& module_call(const std::string& mod, const std::string& call) const { return module(mod).at("module").at(call); }
};

}  // namespace lcsynth::test
