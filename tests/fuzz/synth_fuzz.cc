// libFuzzer target for configuration to synthesis, end to end: the input is a LibreChat
// configuration (the corpus starts from examples/librechat/*.json and libFuzzer mutates it);
// it is loaded strictly, both stacks are built and synthesized in memory with the built-in
// schemas and policies. Only ConfigError, SynthesisError and ConstructError may escape.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lcsynth/app.h"
#include "lcsynth/aws_policies.h"
#include "lcsynth/config.h"
#include "lcsynth/diagnostic.h"
#include "lcsynth/errors.h"
#include "lcsynth/schema.h"
#include "lcsynth/synthesizer.h"
#include "stacks/librechat/config.h"
#include "stacks/librechat/librechat_stack.h"

namespace {
void require(bool condition) {
  if (!condition) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    lcsynth::Config config = lcsynth::parse_config(text, "fuzz.json");
    lcsynth::librechat::LibreChatConfig settings = lcsynth::librechat::load_librechat_config(config);
    lcsynth::App app;
    lcsynth::librechat::build_registry_stack(app, settings);
    lcsynth::librechat::build_librechat_stack(app, settings);
    lcsynth::Assembly assembly = lcsynth::synthesize(
        app, lcsynth::SynthOptions{.schemas = &lcsynth::builtin_schemas(), .policies = &lcsynth::aws_policy_pack()});
    // Every file is the one serialization of valid JSON.
    for (const auto& [path, contents] : assembly.files())
      require(lcsynth::serialize(nlohmann::json::parse(contents)) == contents);
  } catch (const lcsynth::ConfigError&) {
  } catch (const lcsynth::SynthesisError&) {
  } catch (const lcsynth::ConstructError&) {
  }
  return 0;
}
