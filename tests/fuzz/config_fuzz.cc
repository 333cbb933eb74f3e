// libFuzzer target for the configuration loader: the input, split at its first NUL, is a
// configuration text and one "--set" assignment; parse_config and apply_set may refuse it
// with ConfigError but must never crash, and an accepted document keeps its invariants (an
// object, within kMaxConfigDepth, serializable).

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lcsynth/config.h"
#include "lcsynth/errors.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

int depth_of(const nlohmann::json& j) {
  int deepest = 0;
  if (j.is_structured())
    for (const auto& item : j) deepest = std::max(deepest, depth_of(item));
  return j.is_structured() ? deepest + 1 : 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string_view text = input.substr(0, nul);
  std::string_view assignment = nul == std::string_view::npos ? "lambda.memory_size=2048" : input.substr(nul + 1);

  lcsynth::Config config;
  try {
    config = lcsynth::parse_config(text, "fuzz.json");
    require(config.values.is_object() && config.source == "fuzz.json");
    require(depth_of(config.values) <= lcsynth::kMaxConfigDepth);
  } catch (const lcsynth::ConfigError& e) {
    require(std::string_view(e.what()).rfind("fuzz.json", 0) == 0);  // every message names the file
  }
  try {
    lcsynth::apply_set(config, assignment);
    require(config.values.is_object());
    (void)config.values.dump();  // the edited document can still be written (valid UTF-8 throughout)
  } catch (const lcsynth::ConfigError& e) {
    require(std::string_view(e.what()).rfind("--set", 0) == 0);
  }
  return 0;
}
