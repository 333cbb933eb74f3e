// Freeing a document depth first (release_document.h).

#include "release_document.h"

namespace lcsynth::detail {

namespace {
constexpr int kReleaseDepth = 32;

void release(nlohmann::json& value, int depth) {
  if (depth == kReleaseDepth) return;
  if (value.is_object()) {
    auto& object = value.get_ref<nlohmann::json::object_t&>();
    for (auto& [key, v] : object) release(v, depth + 1);
    object.clear();
  } else if (value.is_array()) {
    auto& array = value.get_ref<nlohmann::json::array_t&>();
    for (auto& v : array) release(v, depth + 1);
    array.clear();
  }
}
}  // namespace

void release_document(nlohmann::json& value) { release(value, 0); }

}  // namespace lcsynth::detail
