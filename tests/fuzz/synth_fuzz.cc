// libFuzzer target for configuration to synthesis, end to end: the input is a LibreChat
// configuration (the corpus starts from examples/librechat/*.json and libFuzzer mutates it);
// both LibreChat stacks load it strictly and are built, then synthesized in memory with the built-in
// schemas and policies. Only ConfigError, SynthesisError and ConstructError may escape.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lcsynth/app.h"
#include "lcsynth/aws_policies.h"
#include "lcsynth/catalog.h"
#include "lcsynth/config.h"
#include "lcsynth/diagnostic.h"
#include "lcsynth/errors.h"
#include "lcsynth/schema.h"
#include "lcsynth/synthesizer.h"
#include "stacks/builtin.h"

namespace {
void require(bool condition) {
  if (!condition) std::abort();
}

const lcsynth::StackCatalog& catalog() {
  static const lcsynth::StackCatalog stacks = [] {
    lcsynth::StackCatalog c;
    lcsynth::stacks::add_builtin_stacks(c);
    return c;
  }();
  return stacks;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    lcsynth::Config config = lcsynth::parse_config(text, "fuzz.json");
    // As the CLI does it: each stack of the catalog loads the configuration strictly
    // (load_librechat_config) and builds itself.
    lcsynth::App app;
    for (const auto& entry : catalog().entries()) entry.build(app, config);
    lcsynth::Assembly assembly = lcsynth::synthesize(
        app, lcsynth::SynthOptions{.schemas = &lcsynth::builtin_schemas(), .policies = &lcsynth::aws_policy_pack()});
    // Every file is the one serialization of valid JSON, and written in pieces (as StagedOutput
    // writes it) it is the same text.
    for (const auto& [path, contents] : assembly.files()) {
      nlohmann::json parsed = nlohmann::json::parse(contents);
      require(lcsynth::serialize(parsed) == contents);
      std::string pieces;
      lcsynth::serialize(parsed, [&](std::string_view piece) { pieces += piece; });
      require(pieces == contents);
    }
  } catch (const lcsynth::ConfigError&) {
  } catch (const lcsynth::SynthesisError&) {
  } catch (const lcsynth::ConstructError&) {
  }
  return 0;
}
