#include "recorded_path.h"

namespace lcsynth::detail {

std::string_view recorded_path(const nlohmann::json& body, std::string_view fallback) {
  using namespace std::string_view_literals;  // keys with their lengths: no strlen per comparison
  if (!body.is_object()) return fallback;
  auto comment = body.find("//"sv);
  if (comment == body.end() || !comment->is_object()) return fallback;
  auto metadata = comment->find("metadata"sv);
  if (metadata == comment->end() || !metadata->is_object()) return fallback;
  auto path = metadata->find("path"sv);
  if (path == metadata->end() || !path->is_string()) return fallback;
  return path->get_ref<const std::string&>();
}

std::string block_path(const nlohmann::json& body, std::string_view module_path, bool in_module) {
  std::string_view recorded = recorded_path(body, {});
  if (recorded.empty()) return std::string(module_path);
  if (!in_module || module_path.empty()) return std::string(recorded);
  std::string path;
  path.reserve(module_path.size() + 1 + recorded.size());
  return path.append(module_path).append("/").append(recorded);
}

}  // namespace lcsynth::detail
